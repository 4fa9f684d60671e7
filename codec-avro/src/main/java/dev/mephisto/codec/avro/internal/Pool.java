package dev.mephisto.codec.avro.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of reusable objects (encoders, decoders, buffers). Unlike a ThreadLocal
 * it stays bounded when agents run on many virtual threads; when it is empty the caller makes a
 * new object, and when it is full a returned object is dropped.
 *
 * @param <T> what is pooled
 */
final class Pool<T> {
  private final AtomicReferenceArray<T> slots;
  private final int mask;

  Pool() {
    int n = Integer.highestOneBit(Math.max(4, Math.min(64, Runtime.getRuntime().availableProcessors() * 2)));
    this.slots = new AtomicReferenceArray<>(n);
    this.mask = n - 1;
  }

  /** @return a pooled object, or null when none is free */
  T take() {
    int start = (int) Thread.currentThread().threadId() & mask;
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
    int start = (int) Thread.currentThread().threadId() & mask;
    for (int i = 0; i <= mask; i++) {
      int at = (start + i) & mask;
      if (slots.get(at) == null && slots.compareAndSet(at, null, t)) {
        return;
      }
    }
  }
}
