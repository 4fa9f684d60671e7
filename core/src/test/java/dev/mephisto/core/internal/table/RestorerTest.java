package dev.mephisto.core.internal.table;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.Transport;
import dev.mephisto.store.ChangelogRecord;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The restorer over a changelog whose end offset trails, as a read_committed end does. */
class RestorerTest {
  private static final TopicPartition CHANGELOG = new TopicPartition("app-t-changelog", 0);

  /** A restore consumer whose end offsets come from a queue, then stay at the last one. */
  private static RecordSource source(Deque<Long> ends, List<ConsumerRecord<byte[], byte[]>> log) {
    Map<TopicPartition, Long> position = new HashMap<>();
    return (RecordSource) Proxy.newProxyInstance(RecordSource.class.getClassLoader(),
        new Class<?>[] {RecordSource.class}, (proxy, method, args) -> switch (method.getName()) {
          case "assign", "close", "wakeup" -> null;
          case "beginningOffsets" -> Map.of(CHANGELOG, 0L);
          case "endOffsets" -> Map.of(CHANGELOG, ends.size() > 1 ? ends.poll() : ends.peek());
          case "seek" -> position.put((TopicPartition) args[0], (Long) args[1]);
          case "position" -> position.getOrDefault((TopicPartition) args[0], 0L);
          case "poll" -> {
            @SuppressWarnings("unchecked")
            Consumer<ConsumerRecord<byte[], byte[]>> sink =
                (Consumer<ConsumerRecord<byte[], byte[]>>) args[1];
            long from = position.getOrDefault(CHANGELOG, 0L);
            int n = 0;
            for (ConsumerRecord<byte[], byte[]> r : log) {
              if (r.offset() >= from) {
                sink.accept(r);
                position.put(CHANGELOG, r.offset() + 1);
                n++;
              }
            }
            yield n;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static Transport transport(RecordSource source) {
    return (Transport) Proxy.newProxyInstance(Transport.class.getClassLoader(),
        new Class<?>[] {Transport.class}, (proxy, method, args) -> {
          if (method.getName().equals("newRestoreSource")) {
            return source;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
    return new ConsumerRecord<>(CHANGELOG.topic(), 0, offset, key.getBytes(UTF_8),
        value.getBytes(UTF_8));
  }

  @Test
  void aStoreAheadOfATrailingEndIsNotWipedButRestoredOnceTheEndSettles() {
    StatePartition p = new StatePartition("t", CHANGELOG.topic(), 0, "memory://", false, null);
    p.openDetached("app");
    p.apply(List.of(new ChangelogRecord("kept".getBytes(UTF_8), "1".getBytes(UTF_8), 7)));
    // the end is the last stable offset: 0 until the markers of the transaction that wrote
    // offsets 0..7 are written, then 10 (two more records and the commit marker)
    Deque<Long> ends = new ArrayDeque<>(List.of(0L, 0L, 10L));
    RecordSource source = source(ends, List.of(record(8, "a", "2"), record(9, "b", "3")));
    try (Restorer r = new Restorer(transport(source), "test", new RestoreProgress(), () -> false)) {
      assertEquals(2, r.restore(List.of(p)));
    }
    assertEquals("1", new String(p.read("kept".getBytes(UTF_8), false), UTF_8), "not wiped");
    assertEquals("3", new String(p.read("b".getBytes(UTF_8), false), UTF_8));
    assertEquals(10, p.nextOffset());
  }

  @Test
  void aStoreThatStaysAheadOfItsChangelogIsRebuiltFromIt() {
    StatePartition p = new StatePartition("t", CHANGELOG.topic(), 0, "memory://", false, null);
    p.openDetached("app");
    p.apply(List.of(new ChangelogRecord("stale".getBytes(UTF_8), "1".getBytes(UTF_8), 50)));
    Deque<Long> ends = new ArrayDeque<>(List.of(2L));
    RecordSource source = source(ends, List.of(record(0, "a", "1"), record(1, "b", "2")));
    try (Restorer r = new Restorer(transport(source), "test", new RestoreProgress(), () -> false,
        java.time.Duration.ofMillis(300))) {
      assertEquals(2, r.restore(List.of(p)));
    }
    assertEquals(null, p.read("stale".getBytes(UTF_8), false), "the recreated changelog wins");
    assertEquals("2", new String(p.read("b".getBytes(UTF_8), false), UTF_8));
  }
}
