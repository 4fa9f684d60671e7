package dev.mephisto.core.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
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
}
