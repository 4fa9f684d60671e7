package dev.mephisto.testkit.store;

import static dev.mephisto.testkit.store.KitBytes.intKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One writer and concurrent readers on one store, as a worker and its web lookups do. */
final class KitConcurrency {
  private final Store store;

  KitConcurrency(Store store) {
    this.store = store;
  }

  /**
   * A writer puts {@code n} keys in ascending order and deletes every tenth again while a reader
   * iterates and looks up; the reader must never fail and always see keys in order, and at the end
   * every iteration and lookup must agree with what was written.
   */
  void writeWhileReading(int n) throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> reader = pool.submit(() -> {
        int passes = 0;
        do {
          checkOrdered();
          store.get(intKey(passes % n)).ifPresent(v -> assertEquals(4, v.length));
          passes++;
        } while (writing.get());
        return passes;
      });
      Future<?> writer = pool.submit(() -> {
        try {
          for (int i = 0; i < n; i++) {
            store.put(intKey(i), intKey(i));
            if (i % 10 == 9) {
              store.delete(intKey(i - 9));
            }
          }
        } finally {
          writing.set(false);
        }
      });
      writer.get(2, TimeUnit.MINUTES);
      assertTrue(reader.get(2, TimeUnit.MINUTES) > 0);
    } finally {
      pool.shutdownNow();
    }
    int expected = n - n / 10;
    assertEquals(expected, checkOrdered());
    for (int i = 0; i < n; i++) {
      if (i % 10 == 0 && i + 9 < n) {
        assertTrue(store.get(intKey(i)).isEmpty(), "key " + i + " was deleted");
      } else {
        assertArrayEquals(intKey(i), store.get(intKey(i)).orElseThrow(), "key " + i);
      }
    }
  }

  /** @return how many entries one pass saw, after checking they came in ascending order */
  private int checkOrdered() {
    int seen = 0;
    byte[] previous = null;
    try (StoreIterator it = store.all()) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        if (previous != null && Arrays.compareUnsigned(previous, e.key()) >= 0) {
          throw new AssertionError("keys out of order: " + KitBytes.hex(previous) + " then "
              + KitBytes.hex(e.key()));
        }
        assertArrayEquals(e.key(), e.value());
        previous = e.key();
        seen++;
      }
    }
    return seen;
  }
}
