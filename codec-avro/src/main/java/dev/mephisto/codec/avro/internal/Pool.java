package dev.mephisto.codec.avro.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reusable objects (encoders, decoders, buffers): one per platform thread in a ThreadLocal, and
 * for virtual threads a small lock-free pool, which stays bounded however many virtual threads
 * there are. When nothing is free the caller makes a new object; when the pool is full a returned
 * object is dropped.
 *
 * @param <T> what is pooled
 */
final class Pool<T> {
  private final AtomicReferenceArray<T> slots;
  private final int mask;
  private final ThreadLocal<T> local = new ThreadLocal<>();

  Pool() {
    int n = Integer.highestOneBit(Math.max(4, Math.min(64, Runtime.getRuntime().availableProcessors() * 2)));
    this.slots = new AtomicReferenceArray<>(n);
    this.mask = n - 1;
  }

  /** @return a pooled object, or null when none is free */
  T take() {
    Thread current = Thread.currentThread();
    if (!current.isVirtual()) {
      T t = local.get();
      if (t != null) {
        local.set(null); // taken: a nested use on this thread gets its own
      }
      return t;
    }
    int start = (int) current.threadId() & mask;
    for (int i = 0; i <= mask; i++) {
      int at = (start + i) & mask;
      T t = slots.get(at);
      if (t != null && slots.compareAndSet(at, t, null)) {
        return t;
      }
    }
    return null;
  }

  /** @param t an object to keep for reuse */
  void give(T t) {
    if (!Thread.currentThread().isVirtual()) {
      local.set(t);
      return;
    }
    int start = (int) Thread.currentThread().threadId() & mask;
    for (int i = 0; i <= mask; i++) {
      int at = (start + i) & mask;
      if (slots.get(at) == null && slots.compareAndSet(at, null, t)) {
        return;
      }
    }
  }
}
