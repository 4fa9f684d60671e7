package dev.mephisto.core.internal.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.core.internal.window.SlidingAggregation.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SlidingAggregationTest {
  private static final long SIZE = 10;

  /** Applies events in the given order to one key's windows, with nothing closing. */
  private static TreeMap<Long, Slot<List<Long>>> run(List<Long> events) {
    TreeMap<Long, Slot<List<Long>>> windows = new TreeMap<>();
    for (long t : events) {
      List<Slot<List<Long>>> existing = new ArrayList<>(windows.subMap(
          SlidingAggregation.scanFrom(t, SIZE), true, SlidingAggregation.scanTo(t), true).values());
      for (Slot<List<Long>> w : SlidingAggregation.apply(existing, t, SIZE, Long.MIN_VALUE,
          List.of(), l -> append(l, t))) {
        windows.put(w.start(), w);
      }
    }
    return windows;
  }

  private static List<Long> append(List<Long> l, long t) {
    List<Long> c = new ArrayList<>(l);
    c.add(t);
    return c;
  }

  /** The definition: left windows of every event, right windows that hold an event. */
  private static Map<Long, List<Long>> expected(List<Long> events) {
    TreeMap<Long, List<Long>> out = new TreeMap<>();
    for (long t : events) {
      for (long start : new long[] {t - SIZE, t + 1}) {
        List<Long> in = events.stream().filter(e -> e >= start && e <= start + SIZE).sorted()
            .toList();
        if (!in.isEmpty()) {
          out.put(start, in);
        }
      }
    }
    return out;
  }

  private static Map<Long, List<Long>> actual(TreeMap<Long, Slot<List<Long>>> windows) {
    TreeMap<Long, List<Long>> out = new TreeMap<>();
    windows.forEach((s, w) -> out.put(s, w.value().stream().sorted().toList()));
    return out;
  }

  @Test
  void eventsAFewMillisecondsApartShareWindows() {
    // the example, scaled: events at 1 000, 3 000 and 5 000 with a size of 10 000
    List<Long> events = List.of(1_000L, 3_000L, 5_000L);
    TreeMap<Long, Slot<List<Long>>> windows = new TreeMap<>();
    for (long t : events) {
      List<Slot<List<Long>>> existing = new ArrayList<>(windows.subMap(t - 20_000, true, t + 1,
          true).values());
      SlidingAggregation.apply(existing, t, 10_000, Long.MIN_VALUE, List.<Long>of(),
          l -> append(l, t)).forEach(w -> windows.put(w.start(), w));
    }
    assertEquals(List.of(1_000L, 3_000L, 5_000L), windows.get(5_000L - 10_000).value());
    assertEquals(List.of(1_000L, 3_000L), windows.get(3_000L - 10_000).value());
    assertEquals(List.of(1_000L), windows.get(1_000L - 10_000).value());
    assertEquals(List.of(3_000L, 5_000L), windows.get(1_001L).value());
    assertEquals(List.of(5_000L), windows.get(3_001L).value());
    assertEquals(5, windows.size(), "three left windows, two right ones");
  }

  @Test
  void inOrderEventsMakeExactlyTheWindowsOfTheDefinition() {
    Random r = new Random(7);
    for (int run = 0; run < 200; run++) {
      List<Long> events = new ArrayList<>();
      long t = 1_000;
      for (int i = 0; i < 30; i++) {
        t += r.nextInt(8);
        events.add(t);
      }
      assertEquals(expected(events), actual(run(events)), events::toString);
    }
  }

  @Test
  void outOfOrderEventsMakeTheSameWindows() {
    Random r = new Random(11);
    for (int run = 0; run < 200; run++) {
      List<Long> events = new ArrayList<>();
      long t = 1_000;
      for (int i = 0; i < 30; i++) {
        t += r.nextInt(8);
        // now and then an event a little in the past (less than a window)
        events.add(r.nextInt(4) == 0 ? t - r.nextInt((int) SIZE) : t);
      }
      assertEquals(expected(events), actual(run(events)), events::toString);
    }
  }

  @Test
  void closedWindowsAreNotUpdatedAndLateEventsAreRecognised() {
    List<Slot<Long>> existing = List.of(new Slot<>(90, 100, 1L));
    // an event at 99 when the close time is 101: [90, 100] closed, [89, 99] would too
    List<Slot<Long>> out = SlidingAggregation.apply(existing, 99, 10, 101, 0L, n -> n + 1);
    assertEquals(List.of(), out.stream().filter(w -> w.start() < 91).toList(), out::toString);
    assertEquals(List.of(new Slot<>(100, 100, 1L)), out, "its right window (the event at 100)");
    assertTrue(SlidingAggregation.late(100, 10, 111));
    assertFalse(SlidingAggregation.late(100, 10, 110));
  }
}
