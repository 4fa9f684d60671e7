package dev.mephisto.core.internal.table;

import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.state.NotWritableException;
import dev.mephisto.core.internal.state.PartitionLayout;
import dev.mephisto.core.internal.state.PartitionTask;
import dev.mephisto.core.internal.state.Role;
import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.store.StoreEntry;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;

/**
 * The untyped engine of one table: codecs, partitioning, the {@link StatePartition}s on this
 * worker, and routing reads and writes to them. The typed views ({@link TableImpl}, {@link
 * WindowedTableImpl}, {@link SetTableImpl}) sit on top; each partition's store stack (cache,
 * changelog, store) and lock sit below.
 *
 * <p>Partitioning: a write made while an agent processes a record of a Kafka topic goes to that
 * record's partition (co-partitioning); any other write goes to {@code murmur2(key) % partitions},
 * Kafka's default partitioner over the key bytes, as Faust does. Global tables always use the key
 * hash, so a key's writes stay in order whatever feeds them.
 */
final class TableCore {
  /** What is stored under the table's keys. */
  enum Kind { PLAIN, WINDOWED, SET, STATE }

  private static final long WRITE_WAIT_NANOS = java.time.Duration.ofSeconds(30).toNanos();

  final TableRuntime runtime;
  final String name;
  final boolean global;
  final String changelog;
  final String storeUrl;
  final int standbyReplicas;
  final OptionalInt declaredPartitions;
  final Class<?> keyType;
  final Class<?> valueType;
  final String keySpec;
  final String valueSpec;
  private final Codec keyCodec;
  private final Codec valueCodec;
  private final CodecContext keyContext;
  private final CodecContext valueContext;
  private final Set<String> verifiedTopics = ConcurrentHashMap.newKeySet();
  private volatile Kind kind = Kind.PLAIN;
  private volatile StatePartition[] parts = new StatePartition[0];
  volatile WindowedTableImpl<?, ?> windowed;
  /** Called with the key after each write through the typed view (table-table joins). */
  final java.util.List<java.util.function.Consumer<Object>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  /** What the owner of a table's data adds to its partitions (window and join indexes). */
  volatile PartitionLayout layout;
  /** The changelog's topic configs: compacted; windows and joins also delete by retention. */
  volatile java.util.Map<String, String> changelogConfigs = java.util.Map.of("cleanup.policy",
      "compact");

  TableCore(TableRuntime runtime, String name, boolean global, String storeUrl, int standbyReplicas,
      OptionalInt declaredPartitions, Class<?> keyType, Class<?> valueType, String keySpec,
      Codec keyCodec, String valueSpec, Codec valueCodec) {
    this.runtime = runtime;
    this.name = name;
    this.global = global;
    this.changelog = runtime.appId() + "-" + name + "-changelog";
    this.storeUrl = storeUrl;
    this.standbyReplicas = standbyReplicas;
    this.declaredPartitions = declaredPartitions;
    this.keyType = keyType;
    this.valueType = valueType;
    this.keySpec = keySpec;
    this.keyCodec = keyCodec;
    this.valueSpec = valueSpec;
    this.valueCodec = valueCodec;
    this.keyContext = CodecContext.key(changelog);
    this.valueContext = CodecContext.value(changelog);
  }

  Kind kind() {
    return kind;
  }

  /** A key was written: the joins that read this table update their result. */
  void changed(Object key) {
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).accept(key);
    }
  }

  /** Turns the table into a windowed or set table; only once, before start. */
  void kind(Kind k, String what) {
    if (kind != Kind.PLAIN && kind != k) {
      throw new ConfigurationException("Table '" + name + "' is already " + kind.name()
          .toLowerCase(java.util.Locale.ROOT) + "; declare another table for " + what);
    }

    kind = k;
  }

  /** @param count the partition count, fixed before the worker starts */
  void partitions(int count) {
    StatePartition[] p = new StatePartition[count];
    PartitionLayout layout = this.layout;
    for (int i = 0; i < count; i++) {
      // global tables are written rarely and followed from their changelog: no write cache
      p[i] = new StatePartition(name, changelog, i, storeUrl, !global, layout);
    }
    parts = p;
  }

  int partitionCount() {
    StatePartition[] p = parts;
    if (p.length == 0 && runtime.detached()) {
      synchronized (this) {
        if (parts.length == 0) {
          partitions(declaredPartitions.orElse(runtime.settings().topicPartitions()));
        }
        return parts.length;
      }
    }
    return p.length;
  }

  StatePartition[] parts() {
    partitionCount();
    return parts;
  }

  StatePartition part(int p) {
    StatePartition tp = parts()[p];
    if (tp.role() == Role.NONE && runtime.detached()) {
      tp.openDetached(runtime.appId());
    }
    return tp;
  }

  /** @return the record the calling thread processes, or null */
  Delivery current() {
    return runtime.host().currentDelivery();
  }

  // ---- codecs -------------------------------------------------------------------------------

  byte[] encodeKey(Object key) {
    java.util.Objects.requireNonNull(key, "key");
    try {
      return keyCodec.encode(key, keyContext);
    } catch (CodecException e) {
      throw e.withLocation("Cannot encode key of table '" + name + "' with '" + keySpec + "'");
    }
  }

  byte[] encodeValue(Object value) {
    java.util.Objects.requireNonNull(value, "value");
    try {
      return valueCodec.encode(value, valueContext);
    } catch (CodecException e) {
      throw e.withLocation("Cannot encode value of table '" + name + "' with '" + valueSpec + "'");
    }
  }

  <T> T decodeKey(byte[] bytes, Class<T> type) {
    try {
      return keyCodec.decode(bytes, type, keyContext);
    } catch (CodecException e) {
      throw e.withLocation("Cannot decode a key of table '" + name + "' with '" + keySpec + "'");
    }
  }

  <T> T decodeValue(byte[] bytes, Class<T> type) {
    try {
      return valueCodec.decode(bytes, type, valueContext);
    } catch (CodecException e) {
      throw e.withLocation("Cannot decode a value of table '" + name + "' with '" + valueSpec + "'");
    }
  }

  // ---- partitioning -------------------------------------------------------------------------

  /** @return true if {@code d} is a record of a Kafka topic being processed by an agent */
  static boolean inStream(Delivery d) {
    return d != null && !d.decoded() && d.tracker() != null;
  }

  int hashPartition(byte[] keyBytes) {
    return Utils.toPositive(Utils.murmur2(keyBytes)) % partitionCount();
  }

  /**
   * @param keyBytes the table key's bytes
   * @param d the record being processed, or null
   * @return the partition a write of this key goes to now
   */
  int partitionFor(byte[] keyBytes, Delivery d) {
    if (!global && inStream(d)) {
      verifySource(d.record().topic());
      return d.record().partition();
    }
    return hashPartition(keyBytes);
  }

  private void verifySource(String topic) {
    if (verifiedTopics.contains(topic)) {
      return;
    }
    int n = runtime.partitionsOf(topic);
    int mine = partitionCount();
    if (n >= 0 && n != mine) {
      ConfigurationException e = TableTopics.mismatch(name, mine, changelog, topic, n);
      runtime.fatal(name, e);
      throw e;
    }
    verifiedTopics.add(topic);
  }

  // ---- writes -------------------------------------------------------------------------------

  /**
   * Runs a write under the lock of partition {@code p}, once the partition is writable here.
   *
   * @param p partition
   * @param d the record being processed, or null
   * @param keyText the key, for messages
   * @param task the write; returns non-null
   * @return the task's result, or null if the write was dropped: its record's partition was
   *     revoked, and the record will be processed again by the partition's next holder
   */
  <R> R write(int p, Delivery d, Object keyText, PartitionTask<R> task) {
    StatePartition tp = part(p);
    long deadline = System.nanoTime() + WRITE_WAIT_NANOS;
    while (true) {
      if (tp.role().writable()) {
        try {
          return tp.write(task);
        } catch (NotWritableException e) {
          // its role changed since we looked: wait as below
        }
      }
      if (inStream(d) && !d.live()) {
        return null;
      }
      long left = deadline - System.nanoTime();
      if (!runtime.rebalancing() || left <= 0) {
        throw notHere(tp, keyText);
      }
      runtime.awaitRoles(left);
    }
  }

  private MephistoException notHere(StatePartition tp, Object keyText) {
    String holder = runtime.holderOf(this, tp.partition());
    return new MephistoException("Cannot write key '" + keyText + "' to table '" + name
        + "': its partition " + tp.partition() + " is held by " + holder + ", not by this "
        + "worker; a write outside stream processing goes to the partition of the key's hash, so "
        + "make it on that worker (or from an agent whose stream is keyed like the table)");
  }

  // ---- reads --------------------------------------------------------------------------------

  /**
   * Reads an entry: in stream processing from the record's partition; otherwise from the key's
   * hash partition, then from the other partitions held here.
   *
   * @param keyBytes table key bytes (they choose the partition)
   * @param entryKey entry key bytes
   * @return the stored value, or null
   */
  byte[] get(byte[] keyBytes, byte[] entryKey) {
    Delivery d = current();
    if (!global && inStream(d)) {
      verifySource(d.record().topic());
      return part(d.record().partition()).read(entryKey, true);
    }
    int home = hashPartition(keyBytes);
    byte[] v = part(home).read(entryKey, false);
    if (v != null) {
      return v;
    }
    StatePartition[] all = parts();
    for (int i = 0; i < all.length; i++) {
      if (i != home) {
        v = all[i].read(entryKey, false);
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  /**
   * Visits the entries of {@code [from, to)} in the partitions a key may live in (as {@link
   * #get}); {@code from == null} visits every entry of every readable partition. Markers and
   * local entries of windowed and set tables are left out.
   */
  void scan(byte[] keyBytes, byte[] from, byte[] to, Consumer<StoreEntry> visitor) {
    Consumer<StoreEntry> v = kind == Kind.PLAIN ? visitor : e -> {
      if (!KeyBytes.isMarker(e.key())) {
        visitor.accept(e);
      }
    };
    Delivery d = current();
    if (keyBytes != null && !global && inStream(d)) {
      verifySource(d.record().topic());
      part(d.record().partition()).scan(from, to, true, v);
      return;
    }
    for (StatePartition tp : parts()) {
      tp.scan(from, to, false, v);
    }
  }

  /** @return the number of entries in the readable partitions */
  long size() {
    long n = 0;
    for (StatePartition tp : parts()) {
      n += tp.count(kind == Kind.PLAIN ? null : KeyBytes::isMarker);
    }
    return n;
  }
}
