package dev.mephisto.core.internal.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyBytesAndWindowSpecTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void windowKeysSortByKeyThenStartAndDecodeBack() {
    byte[] early = KeyBytes.window(b("\"ann\""), -5_000);
    byte[] late = KeyBytes.window(b("\"ann\""), 1_700_000_000_000L);
    assertTrue(Arrays.compareUnsigned(early, late) < 0, "negative times sort first");
    assertEquals(-5_000, KeyBytes.windowStart(early));
    assertArrayEquals(b("\"ann\""), KeyBytes.tableKey(late));
    byte[] prefix = KeyBytes.prefix(b("\"ann\""));
    byte[] end = KeyBytes.successor(prefix);
    assertTrue(Arrays.compareUnsigned(prefix, early) <= 0 && Arrays.compareUnsigned(late, end) < 0);
    byte[] longerKey = KeyBytes.window(b("\"ann\"x"), 0);
    assertFalse(Arrays.compareUnsigned(longerKey, prefix) >= 0
        && Arrays.compareUnsigned(longerKey, end) < 0, "another key is outside the range");
  }

  @Test
  void markersNeverCollideWithEntries() {
    assertTrue(KeyBytes.isMarker(KeyBytes.CLOSED_MARKER));
    assertFalse(KeyBytes.isMarker(KeyBytes.window(new byte[0], 0)));
    assertFalse(KeyBytes.isMarker(KeyBytes.composite(b("k"), b("e"))));
    assertArrayEquals(b("e"), KeyBytes.suffix(KeyBytes.composite(b("k"), b("e"))));
    assertEquals(42L, KeyBytes.longOf(KeyBytes.longBytes(42L)));
    assertArrayEquals(new byte[] {1}, KeyBytes.successor(new byte[] {0, (byte) 0xFF}));
  }

  @Test
  void tumblingAndHoppingWindowsHoldTheRightTimes() {
    WindowSpec tumbling = WindowSpec.tumbling(Duration.ofSeconds(10));
    assertEquals(List.of(10_000L), tumbling.starts(19_999));
    assertEquals(List.of(-10_000L), tumbling.starts(-1), "aligned to the epoch before it too");
    assertEquals(20_000L, tumbling.end(10_000));
    WindowSpec hopping = WindowSpec.hopping(Duration.ofSeconds(10), Duration.ofSeconds(5));
    assertEquals(List.of(0L, 5_000L), hopping.starts(7_000));
    assertEquals(5_000L, hopping.latestStart(7_000));
    WindowSpec gaps = WindowSpec.hopping(Duration.ofSeconds(2), Duration.ofSeconds(5));
    assertEquals(List.of(), gaps.starts(3_000), "no window holds a time in a gap");
    assertEquals(Long.MIN_VALUE, gaps.latestStart(3_000));
  }

  @Test
  void windowSizesBelowOneMillisecondAreRejected() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> WindowSpec.tumbling(Duration.ZERO));
    assertTrue(e.getMessage().contains("'PT0S'"), e.getMessage());
  }

  @Test
  void restoreProgressReportsRateAndEta() {
    RestoreProgress p = new RestoreProgress();
    List<dev.mephisto.RestoreProgress> told = new java.util.ArrayList<>();
    p.listener(told::add);
    RestoreProgress.Run r = p.begin("counts", java.util.Map.of(0, 600L, 1, 400L));
    p.advance(r, 0, 250);
    RestoreProgress.TableRestore running = p.snapshot().get(0);
    assertEquals(250, running.recordsDone());
    assertEquals(1000, running.recordsTotal());
    assertFalse(running.done());
    assertTrue(running.eta().isPresent() && running.recordsPerSecond() > 0);
    dev.mephisto.RestoreProgress p0 = told.get(told.size() - 1);
    assertEquals(0, p0.partition());
    assertEquals(250, p0.recordsRestored());
    assertEquals(600, p0.recordsTotal());
    assertTrue(p0.eta().isPresent() && !p0.done(), p0::toString);
    p.advance(r, 0, 350);
    p.advance(r, 1, 400);
    p.finish(r);
    assertTrue(p.snapshot().get(0).done());
    List<dev.mephisto.RestoreProgress> last = told.subList(told.size() - 2, told.size());
    assertTrue(last.stream().allMatch(x -> x.done() && x.fraction() == 1.0), last::toString);
    assertEquals(List.of(0, 1), last.stream().map(dev.mephisto.RestoreProgress::partition).sorted().toList());
    assertEquals(1000, p.restoredRecords("counts"));
    p.followed("counts", 5);
    assertEquals(5, p.followedRecords("counts"));
    assertEquals(0, p.restoredRecords("other"));
  }
}
