package dev.mephisto.core.internal.state;

/**
 * One key in a {@link CachingStore}: its latest value (null for a delete not yet forgotten), and
 * its place in the cache's recency list. Readers without the partition's lock see only the key
 * and the volatile value; the rest is guarded by the lock.
 */
final class CacheEntry {
  /**
   * Bytes counted per entry beyond key and value: skip-list node and index, the hash index's
   * slots, and this object.
   */
  static final int OVERHEAD = 112;

  final byte[] key;
  /** {@link KeyIndex#hash} of the key. */
  final int hash;
  volatile byte[] value;
  /** Written since the last flush. */
  boolean dirty;
  /** A local write ({@link StateStore#putLocal}): stored, never logged. */
  boolean local;
  int size;
  CacheEntry newer;
  CacheEntry older;

  CacheEntry(byte[] key, byte[] value, boolean local) {
    this(key, value, local, KeyIndex.hash(key));
  }

  /** With a hash of the caller's choice: tests of keys crafted to collide. */
  CacheEntry(byte[] key, byte[] value, boolean local, int hash) {
    this.key = key;
    this.hash = hash;
    this.value = value;
    this.local = local;
    this.size = sizeOf(key, value);
  }

  static int sizeOf(byte[] key, byte[] value) {
    return OVERHEAD + key.length + (value == null ? 0 : value.length);
  }
}
