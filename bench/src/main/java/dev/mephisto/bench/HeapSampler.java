package dev.mephisto.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples the heap in use while a run goes, and measures live heap around it. */
final class HeapSampler implements AutoCloseable {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  HeapSampler() {
    thread = Thread.ofPlatform().daemon().name("bench-heap-sampler").start(this::sample);
  }

  private void sample() {
    while (running) {
      peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(20); // a sampling period, not a wait for a condition
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** @return the highest heap use seen, bytes */
  long peak() {
    return Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
  }

  /** @return heap in use after a full collection, bytes */
  static long liveHeap() {
    System.gc();
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
