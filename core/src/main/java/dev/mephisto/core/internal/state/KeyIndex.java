package dev.mephisto.core.internal.state;

import java.util.Arrays;

/**
 * A hash index of a {@link CachingStore}'s entries by key contents, for the writer's point
 * lookups: an open-addressing table (linear probing, deletion by backward shift) that allocates
 * nothing per lookup. The cache's skip list stays for ordered ranges and for readers without the
 * partition's lock; with keys that share long prefixes (window keys) its comparisons cost most of
 * an update. Used under the partition's lock only.
 */
final class KeyIndex {
  private static final int MIN_CAPACITY = 16;
  private CacheEntry[] slots = new CacheEntry[MIN_CAPACITY];
  private int size;

  static int hash(byte[] key) {
    int h = Arrays.hashCode(key);
    return h ^ (h >>> 16); // spread the high bits into the mask
  }

  /**
   * @param key a key
   * @return its entry, or null
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

  /** @param e an entry whose key is not in the index */
  void add(CacheEntry e) {
    if ((size + 1) * 2 > slots.length) {
      resize(slots.length * 2);
    }
    insert(slots, e);
    size++;
  }

  private static void insert(CacheEntry[] s, CacheEntry e) {
    int mask = s.length - 1;
    int i = e.hash & mask;
    while (s[i] != null) {
      i = (i + 1) & mask;
    }
    s[i] = e;
  }

  /** @param e an entry of the index (by identity); nothing happens if it is not there */
  void remove(CacheEntry e) {
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

  /** Forgets every entry. */
  void clear() {
    slots = new CacheEntry[MIN_CAPACITY];
    size = 0;
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
