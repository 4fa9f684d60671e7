package dev.mephisto.harness.chaos;

import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import dev.mephisto.harness.WorkerSettings;
import dev.mephisto.harness.kafka.Broker;
import dev.mephisto.harness.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads back what a chaos run produced — the output and echo topics and the tables' changelogs
 * as a {@code read_committed} consumer sees them, the tables as the workers hold them, the
 * dead-letter topics — and judges it ({@link Checks}).
 */
final class ChaosVerifier {
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

  /**
   * What was read back.
   *
   * @param output times each event id was in the output topic
   * @param outputUnexpected output records with an unknown id or not decodable
   * @param echo times each event id was in the echo topic
   * @param echoUnexpected echo records with an unknown id or not decodable
   * @param changelogs per count table, the last value per key in its changelog
   * @param changelogUnexpected per count table, changelog records that could not be decoded
   * @param dumps the tables as the workers hold them
   * @param deadLetters records in the run's dead-letter topics
   * @param deadLetterExamples a few of them
   */
  record Observed(int[] output, long outputUnexpected, int[] echo, long echoUnexpected,
      Map<String, Map<String, Long>> changelogs, Map<String, Long> changelogUnexpected,
      DumpCollector.Dumps dumps, long deadLetters, List<String> deadLetterExamples) {}

  private static final Codec JSON = Codecs.get("json");

  private ChaosVerifier() {}

  static Observed observe(Broker broker, WorkerSettings s, ChaosData data, DumpCollector.Dumps dumps) {
    int n = Math.toIntExact(data.events());
    int[] output = new int[n];
    long outUnexpected = countIds(broker, ChaosApp.outputTopic(s.appId()), output);
    int[] echo = new int[n];
    long echoUnexpected = countIds(broker, ChaosApp.echoTopic(s.appId()), echo);
    Map<String, Map<String, Long>> changelogs = new HashMap<>();
    Map<String, Long> undecodable = new HashMap<>();
    for (String table : List.of(ChaosApp.ROCKSDB_TABLE, ChaosApp.MEMORY_TABLE)) {
      Map<String, Long> last = new HashMap<>();
      long[] bad = {0};
      TopicReader.readAll(broker, ChaosApp.changelog(s.appId(), table), true, READ_TIMEOUT, r -> {
        try {
          String key = JSON.decode(r.key(), String.class);
          if (r.value() == null) {
            last.remove(key);
          } else {
            last.put(key, JSON.decode(r.value(), Long.class));
          }
        } catch (RuntimeException e) {
          bad[0]++;
        }
      });
      changelogs.put(table, last);
      undecodable.put(table, bad[0]);
    }
    long dead = 0;
    List<String> examples = new ArrayList<>();
    for (String dlq : broker.topics(s.appId())) {
      if (!dlq.endsWith(".dlq")) {
        continue;
      }
      dead += TopicReader.readAll(broker, dlq, true, READ_TIMEOUT, r -> {
        if (examples.size() < 5) {
          examples.add(dlq + " partition " + r.partition() + " offset " + r.offset() + ": "
              + header(r, "mephisto.dlq.exception") + ": " + header(r, "mephisto.dlq.message"));
        }
      });
    }
    return new Observed(output, outUnexpected, echo, echoUnexpected, changelogs, undecodable, dumps,
        dead, examples);
  }

  private static long countIds(Broker broker, String topic, int[] counts) {
    long[] unexpected = {0};
    TopicReader.readAll(broker, topic, true, READ_TIMEOUT, r -> {
      try {
        long id = JSON.decode(r.value(), ChaosEvent.class).id();
        if (id >= 0 && id < counts.length) {
          counts[(int) id]++;
        } else {
          unexpected[0]++;
        }
      } catch (RuntimeException e) {
        unexpected[0]++;
      }
    });
    return unexpected[0];
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * @param o what was read back
   * @param counts expected count per account
   * @param windows expected count per account and window
   * @param g the guarantee to judge by
   * @param drained whether everything was processed
   * @param drainDetail what was left if not
   * @param partitionOf the input partition of an event
   * @return every check
   */
  static List<Check> checks(Observed o, Map<String, Long> counts, Map<String, Long> windows,
      ProcessingGuarantee g, boolean drained, String drainDetail, LongToIntFunction partitionOf) {
    List<Check> out = new ArrayList<>();
    out.add(Checks.drained(drained, drainDetail));
    out.add(Checks.perEvent("output topic (take batches)", o.output(), o.outputUnexpected(), g,
        partitionOf));
    out.add(Checks.perEvent("echo topic", o.echo(), o.echoUnexpected(), g, partitionOf));
    for (String t : List.of(ChaosApp.ROCKSDB_TABLE, ChaosApp.MEMORY_TABLE)) {
      out.add(Checks.perKey(t + " changelog (last value per key)", counts,
          o.changelogs().getOrDefault(t, Map.of()), o.changelogUnexpected().getOrDefault(t, 0L),
          g));
    }
    long conflicts = o.dumps().conflicts().size();
    out.add(Checks.perKey(ChaosApp.ROCKSDB_TABLE + " in the workers", counts,
        o.dumps().table(ChaosApp.ROCKSDB_TABLE), conflicts, g));
    out.add(Checks.perKey(ChaosApp.MEMORY_TABLE + " in the workers", counts,
        o.dumps().table(ChaosApp.MEMORY_TABLE), conflicts, g));
    out.add(Checks.perKey(ChaosApp.WINDOWED_TABLE + " in the workers", windows,
        o.dumps().table(ChaosApp.WINDOWED_TABLE), conflicts, g));
    out.add(Checks.deadLetters(o.deadLetters(), o.deadLetterExamples()));
    return out;
  }
}
