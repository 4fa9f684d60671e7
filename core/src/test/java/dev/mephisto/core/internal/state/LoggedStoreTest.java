package dev.mephisto.core.internal.state;

import static dev.mephisto.core.internal.state.StateFixtures.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.StoreException;
import dev.mephisto.core.internal.state.StateFixtures.CountingStore;
import dev.mephisto.core.internal.state.StateFixtures.RecordingSink;
import dev.mephisto.store.StoreWrite;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoggedStoreTest {
  @Test
  void checkpointsTheHighestAcknowledgedOffsetOnly() {
    RecordingSink sink = new RecordingSink();
    sink.ackAtOnce = false;
    CountingStore store = new CountingStore("t", 0);
    LoggedStore logged = new LoggedStore(store, sink, "c", 0);
    logged.put(b("a"), b("1"));
    logged.putAll(List.of(StoreWrite.put(b("b"), b("2")), StoreWrite.put(b("i"), b(""))),
        bits(1));
    assertEquals(2, sink.sent.size(), "the local write is not logged");
    assertTrue(store.get(b("i")).isPresent(), "but stored");
    logged.checkpoint();
    assertEquals(OptionalLong.empty(), store.persistedOffset(), "nothing acknowledged yet");
    sink.ackAll();
    logged.checkpoint();
    assertEquals(OptionalLong.of(1), store.persistedOffset());
  }

  @Test
  void aFailedChangelogWriteFailsTheCheckpoint() {
    CountingStore store = new CountingStore("t", 0);
    LoggedStore logged = new LoggedStore(store, (topic, partition, key, value, onAck) ->
        onAck.accept(null, new IllegalStateException("record too large")), "c", 3);
    logged.put(b("a"), b("1"));
    StoreException e = assertThrows(StoreException.class, logged::checkpoint);
    assertTrue(e.getMessage().startsWith("A write to changelog 'c' partition 3 failed: record too "
        + "large; offsets are not committed"), e.getMessage());
  }

  private static java.util.BitSet bits(int... set) {
    java.util.BitSet b = new java.util.BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }
}
