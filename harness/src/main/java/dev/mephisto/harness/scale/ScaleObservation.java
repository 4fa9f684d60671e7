package dev.mephisto.harness.scale;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import dev.mephisto.harness.kafka.Broker;
import dev.mephisto.harness.kafka.TopicReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scale run read back: per input partition and offset, when the record was produced (its
 * timestamp) and when it was first processed (the earliest {@link ScaleMark} for it).
 */
final class ScaleObservation {
  private static final Duration READ = Duration.ofMinutes(5);
  private static final Codec JSON = Codecs.get("json");

  private final Map<Integer, long[]> produced = new TreeMap<>();
  private final Map<Integer, long[]> processed = new TreeMap<>();
  private final Map<Integer, Integer> backlogEnd = new TreeMap<>();
  private final long backlog;
  private long reprocessed;
  private long events;

  private ScaleObservation(long backlog) {
    this.backlog = backlog;
  }

  /**
   * @param broker the cluster
   * @param input the input topic
   * @param marks the marks topic
   * @param backlog events {@code 0..backlog-1} were the backlog
   * @return what was read
   */
  static ScaleObservation read(Broker broker, String input, String marks, long backlog) {
    ScaleObservation o = new ScaleObservation(backlog);
    Map<Integer, long[]> times = new TreeMap<>();
    Map<Integer, Integer> sizes = new TreeMap<>();
    TopicReader.readAll(broker, input, false, READ, r -> {
      int i = Math.toIntExact(r.offset());
      long[] a = times.computeIfAbsent(r.partition(), p -> new long[1024]);
      if (i >= a.length) {
        a = Arrays.copyOf(a, Math.max(i + 1, a.length * 2));
        times.put(r.partition(), a);
      }
      a[i] = r.timestamp();
      sizes.merge(r.partition(), i + 1, Math::max);
      if (JSON.decode(r.value(), ScaleEvent.class).seq() < backlog) {
        o.backlogEnd.merge(r.partition(), i + 1, Math::max);
      }
      o.events++;
    });
    sizes.forEach((p, n) -> {
      o.produced.put(p, Arrays.copyOf(times.get(p), n));
      long[] f = new long[n];
      Arrays.fill(f, PauseAnalyzer.NEVER);
      o.processed.put(p, f);
    });
    TopicReader.readAll(broker, marks, false, READ, r -> {
      ScaleMark m = JSON.decode(r.value(), ScaleMark.class);
      long[] f = o.processed.get(m.partition());
      if (f == null || m.offset() < 0 || m.offset() >= f.length) {
        return;
      }
      int i = (int) m.offset();
      if (f[i] != PauseAnalyzer.NEVER) {
        o.reprocessed++;
      }
      f[i] = Math.min(f[i], m.processedAt());
    });
    return o;
  }

  /**
   * @param from start of a span, epoch ms
   * @param to its end
   * @return each partition's pause in it, ms, in partition order
   */
  long[] pauses(long from, long to) {
    return produced.keySet().stream()
        .mapToLong(p -> PauseAnalyzer.pause(produced.get(p), processed.get(p), from, to))
        .toArray();
  }

  /**
   * @return backlog events per second, from the first to the last first processing of a backlog
   *     event
   */
  double throughput() {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Map.Entry<Integer, Integer> e : backlogEnd.entrySet()) {
      long[] f = processed.get(e.getKey());
      for (int i = 0; i < e.getValue(); i++) {
        if (f[i] != PauseAnalyzer.NEVER) {
          first = Math.min(first, f[i]);
          last = Math.max(last, f[i]);
        }
      }
    }
    return last > first ? backlog * 1000.0 / (last - first) : 0;
  }

  long events() {
    return events;
  }

  long unprocessed() {
    return processed.values().stream().flatMapToLong(Arrays::stream)
        .filter(t -> t == PauseAnalyzer.NEVER).count();
  }

  long reprocessed() {
    return reprocessed;
  }
}
