package dev.mephisto.core.internal.state;

import static dev.mephisto.core.internal.state.StateFixtures.b;
import static dev.mephisto.core.internal.state.StateFixtures.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.core.internal.state.StateFixtures.RecordingSink;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Stores;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeIndexTest {
  private final RecordingSink sink = new RecordingSink();

  private StatePartition partition() {
    StatePartition p = new StatePartition("t", "app-t-changelog", 0, "memory://", true, null);
    p.openDetached("app");
    return p;
  }

  @Test
  void findsWhatIsDueInTimeOrderIncludingNegativeTimes() {
    TimeIndex index = new TimeIndex(1);
    TimeIndex other = new TimeIndex(2);
    StatePartition p = partition();
    p.write(w -> {
      index.add(w, 3000, b("c"));
      index.add(w, -5, b("neg"));
      index.add(w, 1000, b("a"));
      index.add(w, 1000, b("b"));
      other.add(w, 0, b("x"));
      return null;
    });
    List<String> due = p.write(w -> index.due(w, 1000).stream()
        .map(d -> d.time() + ":" + s(d.entryKey())).toList());
    assertEquals(List.of("-5:neg", "1000:a", "1000:b"), due);
    assertEquals(-5L, (long) p.write(index::first));
    p.write(w -> {
      index.remove(w, -5, b("neg"));
      return null;
    });
    assertEquals(1000L, (long) p.write(index::first));
    assertEquals(List.of("3000:c"), p.write(w -> index.due(w, Long.MAX_VALUE).stream()
        .filter(d -> d.time() > 1000).map(d -> d.time() + ":" + s(d.entryKey())).toList()));
    assertEquals(0L, (long) p.write(other::first), "indexes do not see each other");
  }

  @Test
  void indexKeysAreLocalAndRestoredRecordsCarryTheirOffset() {
    TimeIndex index = new TimeIndex(7);
    assertTrue(TimeIndex.isLocal(index.key(1, b("k"))));
    assertTrue(TimeIndex.isLocal(TimeIndex.metaKey("m")));
    assertFalse(TimeIndex.isLocal(b("\u0000\u0000\u0000\u0001k")));
    ChangelogRecord r = index.restored(5, b("k"), false, 42);
    assertEquals(42, r.offset());
    assertEquals(null, r.value(), "a tombstone removes the index entry");
  }

  @Test
  void anEmptyIndexHasNoFirstTime() {
    StatePartition p = new StatePartition("t", "c", 0, "memory://", true, null);
    p.open(new StateEnvironment(Stores.create(List.of()), "app", sink, new WorkerCache(1 << 20)));
    p.activate();
    assertEquals(Long.MAX_VALUE, (long) p.write(new TimeIndex(3)::first));
    p.close();
  }
}
