package dev.mephisto.core.internal.table;

import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import dev.mephisto.StoreException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;

/**
 * The untyped engine of one table: codecs, partitioning, the partitions on this worker, and the
 * write path (store, then changelog, under the partition's lock). The typed views ({@link
 * TableImpl}, {@link WindowedTableImpl}, {@link SetTableImpl}) sit on top.
 *
 * <p>Partitioning: a write made while an agent processes a record of a Kafka topic goes to that
 * record's partition (co-partitioning); any other write goes to {@code murmur2(key) % partitions},
 * Kafka's default partitioner over the key bytes, as Faust does. Global tables always use the key
 * hash, so a key's writes stay in order whatever feeds them.
 */
final class TableCore {
  /** What is stored under the table's keys. */
  enum Kind { PLAIN, WINDOWED, SET }

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
  private volatile TablePartition[] parts = new TablePartition[0];
  volatile WindowedTableImpl<?, ?> windowed;

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

  /** Turns the table into a windowed or set table; only once, before start. */
  void kind(Kind k, String what) {
    if (kind != Kind.PLAIN && kind != k) {
      throw new ConfigurationException("Table '" + name + "' is already " + kind.name()
          .toLowerCase(java.util.Locale.ROOT) + "; declare another table for " + what);
    }
    if (kind == k && k == Kind.WINDOWED) {
      throw new ConfigurationException("Table '" + name + "' already has a windowed view; keep "
          + "the WindowedTable returned by the first tumbling/hopping/sliding call");
    }
    kind = k;
  }

  /** @param count the partition count, fixed before the worker starts */
  void partitions(int count) {
    TablePartition[] p = new TablePartition[count];
    for (int i = 0; i < count; i++) {
      p[i] = new TablePartition(this, i);
    }
    parts = p;
  }

  int partitionCount() {
    TablePartition[] p = parts;
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

  TablePartition[] parts() {
    partitionCount();
    return parts;
  }

  TablePartition part(int p) {
    TablePartition tp = parts()[p];
    if (tp.role() == Role.NONE && runtime.detached()) {
      synchronized (tp) {
        tp.openDetached(runtime.appId());
      }
    }
    return tp;
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
   * Takes the lock of the partition a write goes to, once the partition is writable here.
   *
   * @param p partition
   * @param d the record being processed, or null
   * @param keyText the key, for messages
   * @return the locked partition, or empty if the write must be dropped: its record's partition
   *     was revoked, and the record will be processed again by the partition's next holder
   */
  Optional<TablePartition> lockForWrite(int p, Delivery d, Object keyText) {
    TablePartition tp = part(p);
    long deadline = System.nanoTime() + WRITE_WAIT_NANOS;
    while (true) {
      tp.lock.lock();
      Role r = tp.role();
      if (r == Role.ACTIVE || r == Role.GLOBAL || r == Role.DETACHED) {
        return Optional.of(tp);
      }
      tp.lock.unlock();
      if (inStream(d) && !d.live()) {
        return Optional.empty();
      }
      long left = deadline - System.nanoTime();
      if (!runtime.rebalancing() || left <= 0) {
        throw notHere(tp, keyText);
      }
      runtime.awaitRoles(left);
    }
  }

  private MephistoException notHere(TablePartition tp, Object keyText) {
    String holder = runtime.holderOf(this, tp.partition);
    return new MephistoException("Cannot write key '" + keyText + "' to table '" + name
        + "': its partition " + tp.partition + " is held by " + holder + ", not by this worker; "
        + "a write outside stream processing goes to the partition of the key's hash, so make it "
        + "on that worker (or from an agent whose stream is keyed like the table)");
  }

  /**
   * Writes one entry to the store and the changelog; the caller holds the partition's lock.
   *
   * @param tp the partition
   * @param key entry key bytes
   * @param value value bytes, null to delete
   * @param keyObject the key object for test listeners, may be null
   * @param valueObject the value object for test listeners, may be null
   */
  void write(TablePartition tp, byte[] key, byte[] value, Object keyObject, Object valueObject) {
    Store s = tp.store();
    if (value == null) {
      s.delete(key);
    } else {
      s.put(key, value);
    }
    if (tp.role() != Role.DETACHED) {
      runtime.services().sendRaw(changelog, tp.partition, key, value, null, keyObject, valueObject)
          .whenComplete(tp.onAck);
    }
  }

  // ---- reads --------------------------------------------------------------------------------

  /**
   * @param tp a partition
   * @param key entry key
   * @param inStream whether the caller processes a record of this partition (then a suspended
   *     partition is read too: the record's writes are dropped anyway)
   * @return the stored value
   */
  static Optional<byte[]> read(TablePartition tp, byte[] key, boolean inStream) {
    Role r = tp.role();
    Store s = tp.store();
    if (s == null || !(r.readable() || inStream && r == Role.SUSPENDED)) {
      return Optional.empty();
    }
    try {
      return s.get(key);
    } catch (StoreException e) {
      if (tp.role() == r && tp.store() == s) {
        throw e;
      }
      return Optional.empty(); // closed by a rebalance while we read
    }
  }

  /**
   * Reads an entry: in stream processing from the record's partition; otherwise from the key's
   * hash partition, then from the other partitions held here.
   *
   * @param keyBytes table key bytes (they choose the partition)
   * @param entryKey entry key bytes
   * @return the stored value
   */
  Optional<byte[]> get(byte[] keyBytes, byte[] entryKey) {
    Delivery d = EventContext.current();
    if (!global && inStream(d)) {
      verifySource(d.record().topic());
      return read(part(d.record().partition()), entryKey, true);
    }
    int home = hashPartition(keyBytes);
    Optional<byte[]> v = read(part(home), entryKey, false);
    if (v.isPresent()) {
      return v;
    }
    TablePartition[] all = parts();
    for (int i = 0; i < all.length; i++) {
      if (i != home) {
        v = read(all[i], entryKey, false);
        if (v.isPresent()) {
          return v;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Visits the entries of {@code [from, to)} in the partitions a key may live in (as {@link
   * #get}); {@code from == null} visits every entry of every readable partition.
   */
  void scan(byte[] keyBytes, byte[] from, byte[] to, Consumer<StoreEntry> visitor) {
    Delivery d = EventContext.current();
    if (keyBytes != null && !global && inStream(d)) {
      verifySource(d.record().topic());
      scan(part(d.record().partition()), from, to, visitor, true);
      return;
    }
    for (TablePartition tp : parts()) {
      scan(tp, from, to, visitor, false);
    }
  }

  private static void scan(TablePartition tp, byte[] from, byte[] to, Consumer<StoreEntry> visitor,
      boolean inStream) {
    Role r = tp.role();
    Store s = tp.store();
    if (s == null || !(r.readable() || inStream && r == Role.SUSPENDED)) {
      return;
    }
    try (StoreIterator it = from == null ? s.all() : s.range(from, to)) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        if (!KeyBytes.isMarker(e.key())) {
          visitor.accept(e);
        }
      }
    } catch (StoreException e) {
      if (tp.role() == r && tp.store() == s) {
        throw e;
      }
    }
  }

  /** @return the number of entries in the readable partitions */
  long size() {
    long n = 0;
    for (TablePartition tp : parts()) {
      Store s = tp.store();
      if (s != null && tp.role().readable()) {
        if (s.persistent() || kind != Kind.PLAIN) {
          long[] c = {0};
          scan(tp, null, null, e -> c[0]++, false);
          n += c[0];
        } else {
          n += s.approximateCount(); // exact for stores that do not persist
        }
      }
    }
    return n;
  }
}
