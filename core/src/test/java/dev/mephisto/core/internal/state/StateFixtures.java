package dev.mephisto.core.internal.state;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mephisto.RecordMetadata;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** A local store that counts batches, and a changelog sink that records and acknowledges sends. */
final class StateFixtures {
  private StateFixtures() {}

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  static String s(byte[] b) {
    return b == null ? null : new String(b, UTF_8);
  }

  /** A {@link LocalStore} that counts its {@code putAll} calls. */
  static final class CountingStore extends ForwardingStore {
    int batches;
    int batchedWrites;

    CountingStore(String table, int partition) {
      super(new LocalStore(new StoreSpec("app", table, partition)));
    }

    @Override
    public void putAll(List<StoreWrite> batch) {
      batches++;
      batchedWrites += batch.size();
      super.putAll(batch);
    }
  }

  /** Records every changelog record; acknowledges at once with consecutive offsets, or later. */
  static final class RecordingSink implements ChangelogSink {
    record Sent(String topic, int partition, String key, String value) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<BiConsumer<RecordMetadata, Throwable>> pending = new ArrayList<>();
    boolean ackAtOnce = true;
    private long offset;

    @Override
    public synchronized void send(String topic, int partition, byte[] key, byte[] value,
        BiConsumer<RecordMetadata, Throwable> onAck) {
      sent.add(new Sent(topic, partition, s(key), s(value)));
      if (ackAtOnce) {
        onAck.accept(new RecordMetadata(topic, partition, offset++, Instant.EPOCH), null);
      } else {
        pending.add(onAck);
      }
    }

    synchronized void ackAll() {
      for (BiConsumer<RecordMetadata, Throwable> a : pending) {
        a.accept(new RecordMetadata("t", 0, offset++, Instant.EPOCH), null);
      }
      pending.clear();
    }

    /** @return the last value sent per key, as compaction keeps it */
    Map<String, String> compacted() {
      Map<String, String> m = new LinkedHashMap<>();
      for (Sent x : sent) {
        m.put(x.key(), x.value());
      }
      return m;
    }
  }
}
