package dev.mephisto.core.internal.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A hash index of a {@link CachingStore}'s entries by key contents, for the writer's point
 * lookups: an open-addressing table (linear probing, deletion by backward shift) that allocates
 * nothing per lookup. The cache's skip list stays for ordered ranges and for readers without the
 * partition's lock; with keys that share long prefixes (window keys) its comparisons cost most of
 * an update. Used under the partition's lock only.
 *
 * <p>Keys come from records, so they are hostile: {@code Arrays.hashCode} collisions are easy to
 * craft, and a table keyed by thousands of them would make every lookup walk one long probe run.
 * The hash is seeded per process (a 64-bit mix of the key's bytes, eight at a time), so colliding
 * keys cannot be made without the seed; and should a probe run still grow past {@link
 * #MAX_PROBES}, the index turns itself off ({@link #enabled()} false) and the cache goes back to
 * its skip list, whose lookups are logarithmic whatever the keys.
 */
final class KeyIndex {
  private static final int MIN_CAPACITY = 16;
  /** A probe run this long at a load factor of at most 1/2 means crafted keys, not chance. */
  static final int MAX_PROBES = 64;
  private static final long SEED = new java.security.SecureRandom().nextLong();
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private CacheEntry[] slots = new CacheEntry[MIN_CAPACITY];
  private int size;
  private boolean enabled = true;

  /**
   * @param key a key
   * @return its seeded hash
   */
  static int hash(byte[] key) {
    int n = key.length;
    long h = SEED ^ (n * 0x9E3779B97F4A7C15L);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      h = mix(h ^ (long) LONGS.get(key, i));
    }
    long tail = 0;
    for (int shift = 0; i < n; i++, shift += 8) {
      tail |= (key[i] & 0xFFL) << shift;
    }
    h = mix(h ^ tail);
    return (int) (h ^ (h >>> 32));
  }

  private static long mix(long x) { // a bijection (SplitMix64's finaliser)
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }

  /** @return false once a probe run grew past {@link #MAX_PROBES}: use the skip list instead */
  boolean enabled() {
    return enabled;
  }

  /**
   * @param key a key
   * @return its entry, or null (always null once disabled: ask {@link #enabled()} first)
   */
  CacheEntry get(byte[] key) {
    int h = hash(key);
    CacheEntry[] s = slots;
    int mask = s.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      CacheEntry e = s[i];
      if (e == null) {
        return null;
      }
      if (e.hash == h && Arrays.equals(e.key, key)) {
        return e;
      }
    }
  }

  /** @param e an entry whose key is not in the index (nothing happens once it is disabled) */
  void add(CacheEntry e) {
    if (!enabled) {
      return;
    }
    if ((size + 1) * 2 > slots.length) {
      resize(slots.length * 2);
    }
    if (insert(slots, e) > MAX_PROBES) {
      disable();
      return;
    }
    size++;
  }

  /** @return the probes it took */
  private static int insert(CacheEntry[] s, CacheEntry e) {
    int mask = s.length - 1;
    int i = e.hash & mask;
    int probes = 1;
    while (s[i] != null) {
      i = (i + 1) & mask;
      probes++;
    }
    s[i] = e;
    return probes;
  }

  private void disable() {
    enabled = false;
    slots = new CacheEntry[1];
    size = 0;
  }

  /** @param e an entry of the index (by identity); nothing happens if it is not there */
  void remove(CacheEntry e) {
    if (!enabled) {
      return;
    }
    CacheEntry[] s = slots;
    int mask = s.length - 1;
    int i = e.hash & mask;
    while (s[i] != e) {
      if (s[i] == null) {
        return;
      }
      i = (i + 1) & mask;
    }
    s[i] = null;
    size--;
    // backward shift: move later entries of the probe run into the hole they would have taken
    for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
      int home = s[j].hash & mask;
      // s[j] may move to i only if its home is not cyclically within (i, j]
      if (((j - home) & mask) >= ((j - i) & mask)) {
        s[i] = s[j];
        s[j] = null;
        i = j;
      }
    }
    if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
      resize(slots.length / 2);
    }
  }

  /** Forgets every entry (a disabled index stays disabled: the keys that broke it may come back). */
  void clear() {
    if (enabled) {
      slots = new CacheEntry[MIN_CAPACITY];
      size = 0;
    }
  }

  /** @return entries indexed */
  int size() {
    return size;
  }

  private void resize(int capacity) {
    CacheEntry[] bigger = new CacheEntry[capacity];
    for (CacheEntry e : slots) {
      if (e != null) {
        insert(bigger, e);
      }
    }
    slots = bigger;
  }
}
