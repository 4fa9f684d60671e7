package dev.mephisto.bench.raw;

import dev.mephisto.bench.RunContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The hand-written table of the stateful raw loops: counts in a {@link HashMap} (a write-back
 * cache when a {@link Backing} store sits behind it), and the keys changed since the last commit
 * written to a compacted changelog, and to the backing store, at each commit: what Kafka Streams'
 * record cache does, written for this one job.
 *
 * @param <K> key type
 */
final class RawCounts<K> implements AutoCloseable {
  /** A persistent store behind the cache. */
  interface Backing extends AutoCloseable {
    /** @return the stored count, or 0 */
    long load(byte[] key);

    /** Writes changed counts at a commit. */
    void write(List<byte[]> keys, List<byte[]> values);

    /** @return native memory figures in bytes */
    Map<String, Long> nativeMemory();

    @Override
    void close();
  }

  // count, dirty flag, partition: one array per key instead of three maps.
  private final Map<K, long[]> counts = new HashMap<>();
  private final List<K> dirty = new ArrayList<>();
  private final Function<K, byte[]> encode;
  private final Backing backing;
  private final String changelog;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Callback sent;

  RawCounts(RunContext ctx, String changelog, Function<K, byte[]> encode, Backing backing) {
    this.encode = encode;
    this.backing = backing;
    this.changelog = changelog;
    Map<String, Object> pp = RawClients.producer(ctx);
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(pp);
    this.sent = (metadata, error) -> {
      if (error != null) {
        ctx.fail(error);
      }
    };
  }

  /**
   * @param key the key
   * @param partition the input partition the key belongs to (its changelog partition)
   */
  void increment(K key, int partition) {
    long[] entry = counts.get(key);
    if (entry == null) {
      long stored = backing == null ? 0 : backing.load(encode.apply(key));
      entry = new long[] {stored, 0, partition};
      counts.put(key, entry);
    }
    entry[0]++;
    if (entry[1] == 0) {
      entry[1] = 1;
      dirty.add(key);
    }
  }

  /** Writes changed counts to the changelog (and the backing store) and waits for the acks. */
  void flush() {
    List<byte[]> keys = new ArrayList<>(dirty.size());
    List<byte[]> values = new ArrayList<>(dirty.size());
    for (K key : dirty) {
      long[] entry = counts.get(key);
      entry[1] = 0;
      byte[] k = encode.apply(key);
      byte[] v = ByteBuffer.allocate(Long.BYTES).putLong(entry[0]).array();
      producer.send(new ProducerRecord<>(changelog, (int) entry[2], k, v), sent);
      keys.add(k);
      values.add(v);
    }
    dirty.clear();
    if (backing != null) {
      backing.write(keys, values);
    }
    producer.flush();
  }

  /** @return key to count */
  Map<K, Long> snapshot() {
    Map<K, Long> out = new HashMap<>(counts.size() * 2);
    counts.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** @return native memory of the backing store, empty without one */
  Map<String, Long> nativeMemory() {
    return backing == null ? Map.of() : backing.nativeMemory();
  }

  @Override
  public void close() {
    producer.close();
    if (backing != null) {
      backing.close();
    }
  }
}
