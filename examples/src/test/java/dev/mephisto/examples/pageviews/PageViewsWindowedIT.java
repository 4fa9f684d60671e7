package dev.mephisto.examples.pageviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.codec.Codecs;
import dev.mephisto.examples.ExampleRun;
import dev.mephisto.examples.pageviews.PageViewsWindowed.PageView;
import dev.mephisto.examples.pageviews.PageViewsWindowed.WindowCount;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@WithKafka
class PageViewsWindowedIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(60)).ignoringExceptions();
  private static final String REPARTITION = "page-views-count-page-repartition";

  private static List<WindowCount> windowCounts(KafkaCluster kafka) {
    return kafka.client().readAll(PageViewsWindowed.WINDOW_COUNTS).stream()
        .map(r -> Codecs.get("json").decode(r.value(), WindowCount.class)).toList();
  }

  /**
   * The views a window counts: those that reach their partition before its stream time (the
   * highest timestamp read there so far) passes the window's end, the grace being 0. The groupBy
   * forwards of the four input partitions interleave in each repartition partition, so on a busy
   * machine a view can arrive after a later one has closed its window; it is late and dropped.
   */
  private static List<ConsumerRecord<byte[], byte[]>> onTime(
      List<ConsumerRecord<byte[], byte[]>> all) {
    long size = PageViewsWindowed.WINDOW.toMillis();
    List<ConsumerRecord<byte[], byte[]>> inOrder = new ArrayList<>(all);
    inOrder.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
        .thenComparingLong(ConsumerRecord::offset));
    List<ConsumerRecord<byte[], byte[]>> onTime = new ArrayList<>();
    Map<Integer, Long> streamTime = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : inOrder) {
      long end = r.timestamp() - Math.floorMod(r.timestamp(), size) + size;
      if (streamTime.getOrDefault(r.partition(), Long.MIN_VALUE) < end) {
        onTime.add(r);
      }
      streamTime.merge(r.partition(), r.timestamp(), Math::max);
    }
    return onTime;
  }

  @Test
  void eachClosedWindowReportsItsFinalCountOnce(KafkaCluster kafka) {
    String out;
    try (ExampleRun run = ExampleRun.start("page-views-windowed", kafka)) {
      AWAIT.until("6 closed windows", () -> windowCounts(kafka).size() >= 6);
      out = run.stop();
    }
    // The agent counts what it reads after groupBy: the repartition topic, by its timestamps.
    List<ConsumerRecord<byte[], byte[]>> views = onTime(kafka.client().readAll(REPARTITION));
    Set<String> seen = new HashSet<>();
    for (WindowCount w : windowCounts(kafka)) {
      assertTrue(seen.add(w.page() + "@" + w.start()), () -> "window closed twice: " + w);
      assertEquals(PageViewsWindowed.WINDOW, Duration.between(w.start(), w.end()));
      assertEquals(0, w.start().toEpochMilli() % PageViewsWindowed.WINDOW.toMillis(), "aligned");
      long expected = views.stream()
          .filter(r -> r.timestamp() >= w.start().toEpochMilli() && r.timestamp() < w.end().toEpochMilli())
          .filter(r -> Codecs.get("json").decode(r.value(), PageView.class).page().equals(w.page()))
          .count();
      assertEquals(expected, w.views(), () -> "views of " + w);
      assertTrue(out.contains(String.format("  %-10s %3d views", w.page(), w.views())),
          () -> w + " not printed:\n" + out);
    }
  }
}
