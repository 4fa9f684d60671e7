package dev.mephisto.core.internal.state;

import static dev.mephisto.core.internal.state.StateFixtures.b;
import static dev.mephisto.core.internal.state.StateFixtures.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.core.internal.state.StateFixtures.CountingStore;
import dev.mephisto.core.internal.state.StateFixtures.RecordingSink;
import dev.mephisto.store.StoreIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class CachingStoreTest {
  private final RecordingSink sink = new RecordingSink();
  private final ReentrantLock lock = new ReentrantLock();

  private record Stack(CountingStore store, CachingStore cache) {}

  private Stack stack(WorkerCache budget, int partition) {
    CountingStore store = new CountingStore("t", partition);
    LoggedStore logged = new LoggedStore(store, sink, "app-t-changelog", partition);
    return new Stack(store, new CachingStore(logged, budget, lock));
  }

  private static List<String> keys(StoreIterator it) {
    List<String> l = new ArrayList<>();
    try (it) {
      it.forEachRemaining(e -> l.add(s(e.key()) + "=" + s(e.value())));
    }
    return l;
  }

  @Test
  void collapsesUpdatesOfAKeyIntoOneChangelogRecordPerFlush() {
    Stack st = stack(new WorkerCache(1 << 20), 0);
    lock.lock();
    try {
      for (int i = 1; i <= 100; i++) {
        st.cache().put(b("ann"), b(Integer.toString(i)));
      }
      st.cache().put(b("bob"), b("1"));
      assertEquals(List.of(), sink.sent, "nothing logged before the flush");
      assertTrue(st.store().get(b("ann")).isEmpty(), "nor stored");
      st.cache().flush();
    } finally {
      lock.unlock();
    }
    assertEquals(Map.of("ann", "100", "bob", "1"), sink.compacted());
    assertEquals(2, sink.sent.size(), "one record per key");
    assertEquals(1, st.store().batches, "one batch for the whole flush");
    assertEquals("100", s(st.store().get(b("ann")).orElseThrow()));
  }

  @Test
  void readsSeeCachedValuesAndCachedDeletes() {
    Stack st = stack(new WorkerCache(1 << 20), 0);
    st.store().put(b("old"), b("stored"));
    lock.lock();
    try {
      st.cache().put(b("new"), b("cached"));
      st.cache().put(b("old"), null);
    } finally {
      lock.unlock();
    }
    assertEquals("cached", s(st.cache().get(b("new"))), "a reader on another thread sees it too");
    assertNull(st.cache().get(b("old")), "a cached delete hides the stored value");
    assertEquals("stored", s(st.store().get(b("old")).orElseThrow()), "not yet written down");
    assertEquals(List.of("new=cached"), keys(st.cache().all()));
    lock.lock();
    try {
      st.cache().flush();
    } finally {
      lock.unlock();
    }
    assertTrue(st.store().get(b("old")).isEmpty());
    assertEquals("cached", sink.compacted().get("new"));
    assertTrue(sink.compacted().containsKey("old"));
    assertNull(sink.compacted().get("old"), "the delete is logged as a tombstone");
    assertNull(st.cache().get(b("old")), "and stays known as absent");
  }

  @Test
  void rangesMergeCacheAndStoreInKeyOrder() {
    Stack st = stack(new WorkerCache(1 << 20), 0);
    st.store().put(b("a"), b("1"));
    st.store().put(b("c"), b("3"));
    st.store().put(b("e"), b("5"));
    lock.lock();
    try {
      st.cache().put(b("b"), b("2"));
      st.cache().put(b("c"), b("33"));
      st.cache().put(b("e"), null);
      st.cache().put(b("f"), b("6"));
    } finally {
      lock.unlock();
    }
    assertEquals(List.of("a=1", "b=2", "c=33", "f=6"), keys(st.cache().all()));
    assertEquals(List.of("b=2", "c=33"), keys(st.cache().range(b("b"), b("e"))));
    assertEquals(List.of(), keys(st.cache().range(b("x"), b("a"))));
  }

  @Test
  void localWritesAreStoredButNeverLogged() {
    Stack st = stack(new WorkerCache(1 << 20), 0);
    lock.lock();
    try {
      st.cache().putLocal(b("index"), b(""));
      st.cache().put(b("entry"), b("v"));
      st.cache().flush();
    } finally {
      lock.unlock();
    }
    assertEquals(Map.of("entry", "v"), sink.compacted());
    assertTrue(st.store().get(b("index")).isPresent());
    assertEquals(1, st.store().batches, "entry and index in one batch");
  }

  @Test
  void evictsTheLeastRecentlyUsedFlushingDirtyEntriesFirst() {
    // room for about three entries
    WorkerCache budget = new WorkerCache(3L * (CacheEntry.OVERHEAD + 10));
    Stack st = stack(budget, 0);
    lock.lock();
    try {
      st.cache().put(b("k1"), b("1"));
      st.cache().put(b("k2"), b("2"));
      st.cache().put(b("k3"), b("3"));
      st.cache().get(b("k1")); // k1 is now more recent than k2
      assertEquals(List.of(), sink.sent);
      st.cache().put(b("k4"), b("4"));
    } finally {
      lock.unlock();
    }
    assertEquals(4, sink.sent.size(), "the eldest was dirty: every dirty entry was flushed");
    assertEquals(1, st.store().batches);
    assertTrue(budget.usedBytes() <= budget.maxBytes(), budget.usedBytes() + " bytes held");
    assertEquals(1, st.cache().stats().evictions(), "k2, the least recently used, left");
    assertEquals("2", s(st.cache().get(b("k2"))), "read from the store after eviction");
    assertEquals(1, st.cache().stats().hits(), "only k1's read hit");
  }

  @Test
  void oneBudgetBoundsEveryPartitionOfTheWorker() {
    WorkerCache budget = new WorkerCache(10L * (CacheEntry.OVERHEAD + 12));
    Stack p0 = stack(budget, 0);
    Stack p1 = stack(budget, 1);
    lock.lock();
    try {
      for (int i = 0; i < 8; i++) {
        p0.cache().put(b("p0-" + i), b("v"));
      }
      for (int i = 0; i < 8; i++) {
        p1.cache().put(b("p1-" + i), b("v"));
      }
    } finally {
      lock.unlock();
    }
    assertTrue(budget.usedBytes() <= budget.maxBytes(), budget.usedBytes() + " bytes held");
    assertEquals(8, p0.cache().stats().entries(), "p0 stayed, it was not written since");
    assertTrue(p1.cache().stats().evictions() >= 6, "p1, being written, made room");
    for (int i = 0; i < 8; i++) {
      assertEquals("v", s(p1.cache().get(b("p1-" + i))), "evicted entries are in the store");
    }
  }

  @Test
  void aTinySharedBudgetKeepsEveryPartitionExactUnderRandomUpdatesAndDeletes() {
    WorkerCache budget = new WorkerCache(1024);
    List<Stack> parts = new ArrayList<>();
    List<java.util.TreeMap<String, String>> models = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      parts.add(stack(budget, p));
      models.add(new java.util.TreeMap<>());
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      int p = random.nextInt(4);
      String key = "\"acct" + random.nextInt(40) + "\"";
      CachingStore cache = parts.get(p).cache();
      lock.lock();
      try {
        byte[] old = cache.get(b(key)); // read, then write the same array, as update() does
        long n = old == null ? 1 : Long.parseLong(s(old)) + 1;
        if (n % 10 == 0) {
          cache.put(b(key), null);
          models.get(p).remove(key);
        } else {
          byte[] k = b(key);
          cache.get(k);
          cache.put(k, b(Long.toString(n)));
          models.get(p).put(key, Long.toString(n));
        }
        if (random.nextInt(500) == 0) {
          cache.flush();
        }
      } finally {
        lock.unlock();
      }
      assertTrue(budget.usedBytes() <= budget.maxBytes() + 200, budget.usedBytes() + " bytes");
    }
    for (int p = 0; p < 4; p++) {
      java.util.TreeMap<String, String> read = new java.util.TreeMap<>();
      try (StoreIterator it = parts.get(p).cache().all()) {
        it.forEachRemaining(e -> read.put(s(e.key()), s(e.value())));
      }
      assertEquals(models.get(p), read, "partition " + p + " read through the cache");
      for (var e : models.get(p).entrySet()) {
        assertEquals(e.getValue(), s(parts.get(p).cache().get(b(e.getKey()))), e.getKey());
      }
    }
  }

  @Test
  void invalidationDropsCleanCopiesAndKeepsNewerDirtyOnes() {
    WorkerCache budget = new WorkerCache(1 << 20);
    Stack st = stack(budget, 0);
    lock.lock();
    try {
      st.cache().put(b("clean"), b("mine"));
      st.cache().flush();
      st.cache().put(b("dirty"), b("mine"));
      st.store().put(b("clean"), b("restored"));
      st.store().put(b("dirty"), b("restored"));
      st.cache().invalidate(b("clean"));
      st.cache().invalidate(b("dirty"));
    } finally {
      lock.unlock();
    }
    assertEquals("restored", s(st.cache().get(b("clean"))));
    assertEquals("mine", s(st.cache().get(b("dirty"))));
    lock.lock();
    try {
      st.cache().clear();
    } finally {
      lock.unlock();
    }
    assertEquals(0, budget.usedBytes(), "clearing gives the bytes back");
    assertFalse(st.cache().hasDirty());
  }
}
