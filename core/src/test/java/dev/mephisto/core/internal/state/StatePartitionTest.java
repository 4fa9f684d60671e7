package dev.mephisto.core.internal.state;

import static dev.mephisto.core.internal.state.StateFixtures.b;
import static dev.mephisto.core.internal.state.StateFixtures.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.core.internal.state.StateFixtures.RecordingSink;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Stores;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatePartitionTest {
  private final RecordingSink sink = new RecordingSink();
  private final WorkerCache budget = new WorkerCache(1 << 20);

  private StatePartition active(PartitionLayout layout) {
    StatePartition p = new StatePartition("t", "app-t-changelog", 2, "memory://", true, layout);
    p.open(new StateEnvironment(Stores.create(List.of()), "app", sink, budget));
    p.activate();
    return p;
  }

  private static Void put(StatePartition p, String k, String v) {
    return p.write(w -> {
      w.put(b(k), v == null ? null : b(v));
      return null;
    });
  }

  @Test
  void writesAreCachedUntilTheCommitFlushAndReadEverywhereMeanwhile() {
    StatePartition p = active(null);
    put(p, "ann", "1");
    put(p, "ann", "2");
    assertEquals("2", s(p.read(b("ann"), false)));
    assertEquals(List.of(), sink.sent);
    p.flush();
    assertEquals(Map.of("ann", "2"), sink.compacted());
    p.checkpoint();
    assertEquals(0, p.nextOffset() - 1, "the acknowledged offset is the store's");
    assertEquals(1, p.stats().flushedEntries());
    assertEquals(2, p.stats().puts());
  }

  @Test
  void onlyAWritablePartitionRunsWritesAndItsLockIsItsOwn() throws Exception {
    StatePartition p = active(null);
    put(p, "a", "1");
    p.suspend();
    assertThrows(NotWritableException.class, () -> put(p, "a", "2"));
    assertNull(p.read(b("a"), false), "a suspended partition is not read outside its stream");
    assertEquals("1", s(p.read(b("a"), true)), "its own stream still reads it");
    p.activate();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> p.write(w -> {
      inside.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      w.put(b("k"), b("v"));
      return null;
    }));
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    assertNull(p.tryWriteActive(w -> "ran"), "background work skips a partition being written");
    release.countDown();
    writer.get(10, TimeUnit.SECONDS);
    assertEquals("ran", p.tryWriteActive(w -> "ran"));
  }

  @Test
  void closeWritesTheCacheAndAbandonLosesIt() {
    StatePartition p = active(null);
    put(p, "kept", "1");
    p.close();
    assertEquals(Map.of("kept", "1"), sink.compacted());
    assertEquals(0, budget.usedBytes());

    StatePartition q = active(null);
    put(q, "lost", "1");
    q.abandon();
    assertTrue(!sink.compacted().containsKey("lost"), "a crash loses what was not flushed");
    assertEquals(0, budget.usedBytes(), "and gives its bytes back");
  }

  @Test
  void becomingAStandbyFlushesAndForgetsTheCache() {
    StatePartition p = active(null);
    put(p, "a", "mine");
    p.suspend();
    p.toStandby();
    assertEquals(Map.of("a", "mine"), sink.compacted());
    p.apply(List.of(new ChangelogRecord(b("a"), b("theirs"), 7)));
    p.activate();
    assertEquals("theirs", s(p.read(b("a"), false)), "no stale cached copy");
  }

  @Test
  void aRestoreAppliesTheLocalEntriesTheLayoutDerivesAndDropsStaleCopies() {
    PartitionLayout layout = new PartitionLayout() {
      @Override
      public void restored(ChangelogRecord r, List<ChangelogRecord> out) {
        out.add(new ChangelogRecord(b("idx-" + s(r.key())), r.value() == null ? null : b(""),
            r.offset()));
      }
    };
    StatePartition p = active(layout);
    put(p, "x", "cached");
    p.flush();
    p.apply(List.of(new ChangelogRecord(b("x"), b("restored"), 10),
        new ChangelogRecord(b("y"), b("1"), 11)));
    assertEquals("restored", s(p.read(b("x"), false)));
    assertEquals("", s(p.read(b("idx-y"), false)), "derived entry applied");
    assertEquals(12, p.nextOffset(), "the batch's last offset, not a derived one's");
    p.apply(List.of(new ChangelogRecord(b("y"), null, 12)));
    assertNull(p.read(b("idx-y"), false));
  }

  @Test
  void wipeDeletesEverythingInOneBatch() {
    StatePartition p = active(null);
    put(p, "a", "1");
    put(p, "b", "2");
    p.flush();
    p.wipe();
    assertNull(p.read(b("a"), false));
    assertEquals(0, p.count(null));
  }
}
