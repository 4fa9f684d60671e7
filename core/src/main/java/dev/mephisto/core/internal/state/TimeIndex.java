package dev.mephisto.core.internal.state;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered time index over the entries of a state partition, kept in the partition's own store
 * as local (never logged) entries {@code [0xFE][id][time][entry key]}, time as 8 big-endian bytes
 * with the sign bit flipped so that unsigned byte order is time order. Finding what is due by a
 * time is one range scan from the start of the index, never a scan of the partition.
 *
 * <p>The index is derived from logged entries: writers add and remove index entries next to the
 * entries they write (through the cache, so both reach the store in one flush), and a restore
 * derives them again from the changelog records it applies ({@link PartitionLayout}).
 * Windowed tables index each window by its end; session and sliding windows and the buffers of
 * stream-stream joins can index by whatever time closes or expires them, each with its own id.
 *
 * <p>Entry keys of the partition must not start with {@code 0xFE} or {@code 0xFF} (composite
 * layouts start with a length prefix, whose first byte is 0 for any key shorter than 16 MiB).
 */
public final class TimeIndex {
  /** First byte of every local key: indexes and their metadata. */
  public static final byte LOCAL = (byte) 0xFE;
  private static final byte[] PRESENT = {};

  private final byte id;

  /** @param id this index's id in its partition, 1 to 255 (0 is reserved for metadata) */
  public TimeIndex(int id) {
    if (id < 1 || id > 255) {
      throw new IllegalArgumentException("index id was '" + id + "' but it should be 1 to 255");
    }
    this.id = (byte) id;
  }

  /**
   * @param key a store key
   * @return true for local keys (indexes, their metadata)
   */
  public static boolean isLocal(byte[] key) {
    return key.length >= 2 && key[0] == LOCAL;
  }

  /**
   * @param name a metadata name
   * @return the local key {@code [0xFE][0][name]} for bookkeeping next to the indexes
   */
  public static byte[] metaKey(String name) {
    byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] k = new byte[2 + n.length];
    k[0] = LOCAL;
    System.arraycopy(n, 0, k, 2, n.length);
    return k;
  }

  /**
   * @param time the entry's time
   * @param entryKey the indexed entry's key
   * @return the index key
   */
  public byte[] key(long time, byte[] entryKey) {
    byte[] k = new byte[10 + entryKey.length];
    k[0] = LOCAL;
    k[1] = id;
    SortableBytes.putTime(k, 2, time);
    System.arraycopy(entryKey, 0, k, 10, entryKey.length);
    return k;
  }

  /** Adds an entry at a time; the caller holds the partition's lock. */
  public void add(PartitionWriter w, long time, byte[] entryKey) {
    w.putLocal(key(time, entryKey), PRESENT);
  }

  /** Removes an entry's index at a time; the caller holds the partition's lock. */
  public void remove(PartitionWriter w, long time, byte[] entryKey) {
    w.putLocal(key(time, entryKey), null);
  }

  /**
   * @param time the entry's time
   * @param entryKey the entry's key
   * @param present whether the entry exists after the record (false for tombstones)
   * @param offset the changelog offset of the record it is derived from
   * @return the index record to apply with it during a restore
   */
  public ChangelogRecord restored(long time, byte[] entryKey, boolean present, long offset) {
    return new ChangelogRecord(key(time, entryKey), present ? PRESENT : null, offset);
  }

  /** One indexed entry. */
  public record Due(long time, byte[] entryKey, byte[] indexKey) {}

  /**
   * @param w the partition, locked
   * @param upTo a time
   * @return the entries indexed at times {@code <= upTo}, oldest first
   */
  public List<Due> due(PartitionWriter w, long upTo) {
    List<Due> out = new ArrayList<>();
    byte[] to = upTo == Long.MAX_VALUE ? end() : key(upTo + 1, new byte[0]);
    try (StoreIterator it = w.range(start(), to)) {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        byte[] k = e.key();
        out.add(new Due(SortableBytes.getTime(k, 2),
            java.util.Arrays.copyOfRange(k, 10, k.length), k));
      }
    }
    return out;
  }

  /**
   * @param w the partition, locked
   * @return the earliest indexed time, or {@link Long#MAX_VALUE} if the index is empty
   */
  public long first(PartitionWriter w) {
    try (StoreIterator it = w.range(start(), end())) {
      return it.hasNext() ? SortableBytes.getTime(it.next().key(), 2) : Long.MAX_VALUE;
    }
  }

  private byte[] start() {
    return new byte[] {LOCAL, id};
  }

  private byte[] end() {
    return id == (byte) 0xFF ? new byte[] {(byte) 0xFF} : new byte[] {LOCAL, (byte) (id + 1)};
  }
}
