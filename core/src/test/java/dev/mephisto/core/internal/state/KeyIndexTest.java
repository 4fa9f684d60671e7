package dev.mephisto.core.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cache's hash index finds exactly what was added and not removed, by key contents. */
class KeyIndexTest {
  private static byte[] key(int i) {
    // window-like keys: a long shared prefix, the distinguishing bytes at the end
    return ByteBuffer.allocate(24).putLong(0x0102030405060708L).putLong(42).putLong(i).array();
  }

  @Test
  void findsEntriesByContentsNotByArray() {
    KeyIndex index = new KeyIndex();
    CacheEntry e = new CacheEntry(key(7), new byte[] {1}, false);
    index.add(e);
    assertSame(e, index.get(key(7)), "another array with the same bytes");
    assertNull(index.get(key(8)));
    index.remove(e);
    assertNull(index.get(key(7)));
    assertEquals(0, index.size());
  }

  @Test
  void randomAddsAndRemovesMatchAHashMap() {
    Random random = new Random(20261202);
    KeyIndex index = new KeyIndex();
    Map<Integer, CacheEntry> expected = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      int k = random.nextInt(3_000); // growth, shrinking and long probe runs with removals
      CacheEntry present = expected.get(k);
      if (present == null) {
        CacheEntry e = new CacheEntry(key(k), null, false);
        index.add(e);
        expected.put(k, e);
      } else if (random.nextInt(3) > 0) {
        index.remove(present);
        expected.remove(k);
      }
      if (step % 1_000 == 0) {
        for (int q = 0; q < 3_000; q++) {
          assertSame(expected.get(q), index.get(key(q)), "key " + q + " at step " + step);
        }
        assertEquals(expected.size(), index.size());
      }
    }
    expected.values().forEach(index::remove);
    assertEquals(0, index.size());
    index.clear();
    assertNull(index.get(key(1)));
  }

  @Test
  void keysCollidingInArraysHashCodeSpreadUnderTheSeededHash() {
    // "Aa" and "BB" have one Arrays.hashCode; every string of 16 such blocks has the same one:
    // 65 536 keys an attacker could send to put every entry in one probe run
    byte[][] blocks = {"Aa".getBytes(StandardCharsets.US_ASCII),
        "BB".getBytes(StandardCharsets.US_ASCII)};
    KeyIndex index = new KeyIndex();
    Set<Integer> hashes = new HashSet<>();
    List<CacheEntry> entries = new ArrayList<>();
    for (int bits = 0; bits < 1 << 16; bits++) {
      byte[] k = new byte[32];
      for (int b = 0; b < 16; b++) {
        System.arraycopy(blocks[(bits >>> b) & 1], 0, k, 2 * b, 2);
      }
      if (!entries.isEmpty()) {
        assertEquals(Arrays.hashCode(entries.get(0).key), Arrays.hashCode(k), "crafted to collide");
      }
      CacheEntry e = new CacheEntry(k, null, false);
      entries.add(e);
      hashes.add(e.hash);
      index.add(e);
    }
    assertTrue(hashes.size() > 65_000, () -> hashes.size() + " distinct seeded hashes");
    assertTrue(index.enabled(), "no probe run grew past " + KeyIndex.MAX_PROBES);
    for (CacheEntry e : entries) {
      assertSame(e, index.get(e.key.clone()));
    }
  }

  @Test
  void aProbeRunPastTheLimitTurnsTheIndexOff() {
    KeyIndex index = new KeyIndex();
    for (int i = 0; i < KeyIndex.MAX_PROBES; i++) {
      index.add(new CacheEntry(key(i), null, false, 12345)); // one hash: one probe run
      assertTrue(index.enabled(), "run of " + (i + 1));
    }
    index.add(new CacheEntry(key(999), null, false, 12345));
    assertFalse(index.enabled(), "a run of " + (KeyIndex.MAX_PROBES + 1) + " probes");
    assertEquals(0, index.size());
    index.clear();
    assertFalse(index.enabled(), "stays off: the keys that broke it may come back");
  }
}
