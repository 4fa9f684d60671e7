package dev.mephisto.store.rocksdb.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native objects owned by one store, closed in reverse order of creation so that nothing is closed
 * while something created after it may still use it.
 */
final class Natives implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Natives.class);

  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  <T extends AutoCloseable> T add(T resource) {
    owned.push(resource);
    return resource;
  }

  @Override
  public void close() {
    while (!owned.isEmpty()) {
      AutoCloseable resource = owned.pop();
      try {
        resource.close();
      } catch (Exception e) {
        // keep closing the rest: one failure must not leak the others
        log.warn("Could not close RocksDB resource {}", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
