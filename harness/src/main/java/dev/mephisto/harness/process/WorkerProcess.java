package dev.mephisto.harness.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One worker slot: a child JVM, started again after it ended (a new incarnation, with a new log
 * file). {@link #kill()} is {@code kill -9}, {@link #stop(Duration)} is SIGTERM (a graceful stop).
 */
public final class WorkerProcess {
  /** Told when an incarnation ends. */
  public interface ExitListener {
    /**
     * @param worker the slot
     * @param incarnation which start of it
     * @param exitCode the status
     * @param expected whether the harness ended it (kill or stop)
     */
    void exited(WorkerProcess worker, int incarnation, int exitCode, boolean expected);
  }

  private final int index;
  private final JvmCommand command;
  private final Path logDir;
  private final ExitListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private Process process;
  private int incarnation;
  private volatile AtomicBoolean expectedExit = new AtomicBoolean();

  /**
   * @param index the worker index (its last argument)
   * @param command how to start it
   * @param logDir where {@code worker-<index>.<incarnation>.log} go
   * @param listener told when an incarnation ends
   */
  public WorkerProcess(int index, JvmCommand command, Path logDir, ExitListener listener) {
    this.index = index;
    this.command = command;
    this.logDir = logDir;
    this.listener = listener;
  }

  /** @return the worker index */
  public int index() {
    return index;
  }

  /** Starts a new incarnation; fails if one is running. */
  public void start() {
    lock.lock();
    try {
      if (process != null && process.isAlive()) {
        throw new IllegalStateException("Worker " + index + " is running (pid " + process.pid() + ")");
      }
      incarnation++;
      Files.createDirectories(logDir);
      ProcessBuilder pb = new ProcessBuilder(command.forWorker(index));
      pb.redirectErrorStream(true);
      pb.redirectOutput(logFile(incarnation).toFile());
      // one flag per incarnation: the exit of a killed incarnation may be seen after the next
      // one started
      AtomicBoolean expected = new AtomicBoolean();
      Process p = pb.start();
      process = p;
      expectedExit = expected;
      int inc = incarnation;
      p.onExit().thenAccept(done -> listener.exited(this, inc, done.exitValue(), expected.get()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start worker " + index + ": " + command.forWorker(index), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Kills the running incarnation with SIGKILL and waits until it is gone.
   *
   * @return its exit status (137), or -1 if none was running
   */
  public int kill() {
    Process p = current();
    if (p == null || !p.isAlive()) {
      return -1;
    }
    expecting();
    p.destroyForcibly();
    return waitFor(p, Duration.ofSeconds(30));
  }

  /**
   * Stops the running incarnation with SIGTERM (the worker stops gracefully), or SIGKILL after the
   * timeout.
   *
   * @param timeout how long a graceful stop may take
   * @return its exit status, or -1 if none was running
   */
  public int stop(Duration timeout) {
    Process p = current();
    if (p == null || !p.isAlive()) {
      return -1;
    }
    expecting();
    p.destroy();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    return waitFor(p, Duration.ofSeconds(30));
  }

  private static int waitFor(Process p, Duration timeout) {
    try {
      if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return p.exitValue();
      }
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Process current() {
    lock.lock();
    try {
      return process;
    } finally {
      lock.unlock();
    }
  }

  /** @return whether an incarnation is running */
  public boolean alive() {
    Process p = current();
    return p != null && p.isAlive();
  }

  /** @return the pid of the running (or last) incarnation, -1 before the first start */
  public long pid() {
    Process p = current();
    return p == null ? -1 : p.pid();
  }

  /** @return how many times it was started */
  public int incarnation() {
    lock.lock();
    try {
      return incarnation;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param inc an incarnation
   * @return its log file
   */
  public Path logFile(int inc) {
    return logDir.resolve("worker-" + index + "." + inc + ".log");
  }

  /**
   * @param inc an incarnation
   * @param lines at most this many
   * @return the last lines of its log
   */
  public List<String> logTail(int inc, int lines) {
    return tail(logFile(inc), lines);
  }

  /**
   * @param file a text file
   * @param lines at most this many
   * @return its last lines (read from its last 64 KiB)
   */
  public static List<String> tail(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long from = Math.max(0, f.length() - 65_536);
      byte[] b = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(b);
      List<String> all = Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\n"));
      return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e + ")");
    }
  }

  /**
   * Writes the running incarnation's thread dump, virtual threads included ({@code jcmd <pid>
   * Thread.dump_to_file}), next to its log: what a stuck worker waits for.
   *
   * @return the file, or empty if none is running or the dump failed
   */
  public Optional<Path> threadDump() {
    Process p = current();
    if (p == null || !p.isAlive()) {
      return Optional.empty();
    }
    Path file = logDir.resolve("worker-" + index + "." + incarnation() + ".threads.txt");
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      // Thread.dump_to_file lists the virtual threads (agents) too, Thread.print does not
      Process d = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()),
          "Thread.dump_to_file", "-overwrite", file.toAbsolutePath().toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!d.waitFor(60, TimeUnit.SECONDS)) {
        d.destroyForcibly();
        return Optional.empty();
      }
      return d.exitValue() == 0 && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Kills the running incarnation without waiting (harness shutdown). */
  public void destroyNow() {
    Process p = current();
    if (p != null && p.isAlive()) {
      expecting();
      p.destroyForcibly();
    }
  }

  private void expecting() {
    lock.lock();
    try {
      expectedExit.set(true);
    } finally {
      lock.unlock();
    }
  }
}
