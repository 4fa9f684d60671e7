package dev.mephisto.store.rocksdb.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.StoreException;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.rocksdb.RocksDbConfigurer;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.Cache;
import org.rocksdb.RocksDB;

/**
 * What one provider instance shares between its stores: which partition directories are open (so
 * that reopening a partition waits for its close instead of hitting RocksDB's lock), and one
 * {@link SharedMemory} per base path, released when its last store closes.
 */
public final class RocksDbEnvironment {
  private final List<RocksDbConfigurer> inCode;
  // a ReentrantLock, not synchronized: waiters may be virtual threads
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition directoryClosed = lock.newCondition();
  private final Set<Path> openDirectories = new HashSet<>();
  private final Map<Path, SharedMemory> memories = new HashMap<>();
  private int waiting;

  /** @param inCode configurers registered in code, applied to every store in this order */
  public RocksDbEnvironment(List<RocksDbConfigurer> inCode) {
    this.inCode = List.copyOf(inCode);
  }

  /**
   * @param uri a {@code rocksdb:} URL
   * @param spec the table partition
   * @return the open store
   */
  public Store open(URI uri, StoreSpec spec) {
    RocksDbSettings settings = validate(uri);
    Path directory = settings.directory(spec);
    List<RocksDbConfigurer> configurers = new ArrayList<>(inCode);
    settings.configurer().ifPresent(name -> configurers.add(instantiate(uri, name)));
    RocksDB.loadLibrary();
    reserve(spec, directory, settings.lockTimeout());
    SharedMemory memory = null;
    try {
      memory = retain(uri, settings);
      SharedMemory retained = memory;
      return RocksDbOpener.open(spec, directory, settings, memory, configurers,
          () -> closed(directory, retained));
    } catch (RuntimeException | Error e) {
      closed(directory, memory);
      throw e;
    }
  }

  /**
   * @param uri a {@code rocksdb:} URL
   * @return its settings, checked as far as can be without opening anything
   */
  public RocksDbSettings validate(URI uri) {
    if (!"rocksdb".equalsIgnoreCase(uri.getScheme())) {
      throw new ConfigurationException("Store URL '" + uri + "' was given to the RocksDB store "
          + "provider but its scheme should be 'rocksdb', e.g. 'rocksdb:///var/lib/mephisto'");
    }
    RocksDbSettings settings = RocksDbSettings.parse(uri);
    settings.configurer().ifPresent(name -> configurerClass(uri, name));
    return settings;
  }

  private void reserve(StoreSpec spec, Path directory, Duration timeout) {
    lock.lock();
    try {
      long remaining = timeout.toNanos();
      while (openDirectories.contains(directory)) {
        if (remaining <= 0) {
          throw new StoreException("Cannot open the RocksDB store of " + spec.describe()
              + " of app '" + spec.appId() + "' at '" + directory + "': it is still open in this "
              + "worker after waiting " + timeout.toMillis() + " ms; close the previous store of "
              + "this partition first (a revoked partition must be closed before it is assigned "
              + "again) or raise 'lockTimeout' in the store URL");
        }
        waiting++;
        try {
          remaining = directoryClosed.awaitNanos(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreException("Interrupted while waiting for the RocksDB store of "
              + spec.describe() + " at '" + directory + "' to close", e);
        } finally {
          waiting--;
        }
      }
      openDirectories.add(directory);
    } finally {
      lock.unlock();
    }
  }

  private SharedMemory retain(URI uri, RocksDbSettings settings) {
    lock.lock();
    try {
      SharedMemory memory = memories.get(settings.basePath());
      if (memory == null) {
        memory = new SharedMemory(settings.basePath(), settings.blockCacheMb(),
            settings.writeBufferManagerMb());
        memories.put(settings.basePath(), memory);
      } else if (!memory.matches(settings)) {
        throw new ConfigurationException("Store URL '" + uri + "' asks for blockCacheMb="
            + settings.blockCacheMb() + ", writeBufferManagerMb=" + settings.writeBufferManagerMb()
            + " but stores already open under '" + settings.basePath() + "' share "
            + memory.describe() + "; use the same memory options for every store under one path");
      }
      memory.retain();
      return memory;
    } finally {
      lock.unlock();
    }
  }

  private void closed(Path directory, SharedMemory memory) {
    lock.lock();
    try {
      if (memory != null && memory.release()) {
        memories.remove(memory.basePath());
      }
      openDirectories.remove(directory);
      directoryClosed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The configurer class a URL names (configuration, not input), checked without running it. */
  private static Class<?> configurerClass(URI uri, String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> type;
    try {
      type = Class.forName(className, false,
          loader != null ? loader : RocksDbEnvironment.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException("Option 'configurer' in store URL '" + uri + "' names '"
          + className + "' but no such class is on the class path; check the name and the jar", e);
    }
    if (!RocksDbConfigurer.class.isAssignableFrom(type)) {
      throw new ConfigurationException("Option 'configurer' in store URL '" + uri + "' names '"
          + className + "' but it should implement " + RocksDbConfigurer.class.getName());
    }
    try {
      type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new ConfigurationException("Option 'configurer' in store URL '" + uri + "' names '"
          + className + "' but it should be a public class with a public no-arg constructor", e);
    }
    return type;
  }

  private static RocksDbConfigurer instantiate(URI uri, String className) {
    try {
      return (RocksDbConfigurer) configurerClass(uri, className).getConstructor().newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ConfigurationException("Option 'configurer' in store URL '" + uri + "' names '"
          + className + "' but it should be a public class with a public no-arg constructor", e);
    } catch (InvocationTargetException e) {
      throw new ConfigurationException("RocksDB configurer '" + className + "' named in store URL '"
          + uri + "' failed in its constructor: " + e.getCause(), e.getCause());
    }
  }

  /** @return how many opens are waiting for a partition of this environment to close */
  int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** @return the shared block cache under {@code basePath} and how many stores use it */
  Optional<Map.Entry<Cache, Integer>> sharedCache(Path basePath) {
    lock.lock();
    try {
      SharedMemory m = memories.get(basePath);
      return m == null ? Optional.empty() : Optional.of(Map.entry(m.cache(), m.users()));
    } finally {
      lock.unlock();
    }
  }

  /** @return how many partition directories are open, for tests and diagnostics */
  int openCount() {
    lock.lock();
    try {
      return openDirectories.size();
    } finally {
      lock.unlock();
    }
  }
}
