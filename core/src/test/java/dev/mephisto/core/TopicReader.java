package dev.mephisto.core;

import dev.mephisto.App;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic of an app's transport (works on memory:// too). */
final class TopicReader {
  private TopicReader() {}

  static List<ConsumerRecord<byte[], byte[]>> readAll(App app, String topic) {
    Transport t = ((MephistoApp) app).services().transport();
    int n = t.partitions(topic).orElseThrow(() -> new AssertionError("no topic '" + topic + "'"));
    List<TopicPartition> tps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tps.add(new TopicPartition(topic, i));
    }
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (RecordSource s = t.newRestoreSource("test-reader")) {
      s.assign(tps);
      s.seekToBeginning(tps);
      Map<TopicPartition, Long> end = s.endOffsets(tps);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (tps.stream().anyMatch(tp -> s.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read topic '" + topic + "' to its end " + end);
        }
        s.poll(Duration.ofMillis(100), out::add);
      }
    }
    return out;
  }
}
