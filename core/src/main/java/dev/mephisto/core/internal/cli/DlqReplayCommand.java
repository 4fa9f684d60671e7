package dev.mephisto.core.internal.cli;

import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.AppServices;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.transport.RecordSource;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine;

/**
 * {@code dlq replay <dead-letter topic>}: once the fault is fixed, sends dead-lettered records
 * back to the topic they came from, with their key, value, original headers and timestamp, and
 * without the {@code mephisto.dlq.*} headers. Only to a topic the app declared, whose dead-letter
 * topic this is: the {@code mephisto.dlq.topic} header must agree, it never chooses a topic.
 */
@CommandLine.Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-sends dead-lettered records to the declared topic they came from (after the "
        + "fault is fixed), without the mephisto.dlq.* headers.")
final class DlqReplayCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration IDLE = Duration.ofSeconds(10);
  private final MephistoApp app;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", description = "The dead-letter topic, e.g. orders.dlq.")
  String dlq;

  @CommandLine.Option(names = "--from", description = "First record: an offset (in every "
      + "partition) or an instant such as 2026-01-31T12:00:00Z (dead-lettered at or after).")
  String from;

  @CommandLine.Option(names = "--to", description = "End, excluded: an offset or an instant.")
  String to;

  @CommandLine.Option(names = "--limit", description = "Replay at most this many records.")
  Integer limit;

  @CommandLine.Option(names = "--dry-run", description = "Only list what would be replayed.")
  boolean dryRun;

  DlqReplayCommand(MephistoApp app) {
    this.app = app;
  }

  /** An offset or an instant. */
  private record Bound(long offset, Instant instant) {
    static Bound parse(String name, String s) {
      if (s == null) {
        return null;
      }
      try {
        return new Bound(Long.parseLong(s.trim()), null);
      } catch (NumberFormatException e) {
        try {
          return new Bound(-1, Instant.parse(s.trim()));
        } catch (DateTimeParseException e2) {
          throw new IllegalArgumentException("Option '" + name + "' was '" + s + "' but it "
              + "should be an offset such as 1200 or an instant such as 2026-01-31T12:00:00Z", e2);
        }
      }
    }

    boolean before(ConsumerRecord<?, ?> r) {
      return instant == null ? r.offset() < offset : r.timestamp() < instant.toEpochMilli();
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    AppServices services = app.services();
    String suffix = app.settings().deadLetterSuffix();
    if (limit != null && limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Option '--limit' was '" + limit + "' but it should be at least 1");
    }
    String target = dlq.endsWith(suffix) ? dlq.substring(0, dlq.length() - suffix.length()) : null;
    if (target == null || !app.topics().containsKey(target)) {
      out.println("Topic '" + dlq + "' is not the dead-letter topic of a topic app '" + app.id()
          + "' declares (" + app.topics().keySet().stream().map(services::deadLetterTopic).sorted()
          .toList() + "); nothing replayed");
      out.flush();
      return 1;
    }
    Bound lo;
    Bound hi;
    try {
      lo = Bound.parse("--from", from);
      hi = Bound.parse("--to", to);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    int replayed = 0;
    Map<String, Integer> skipped = new TreeMap<>();
    List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
    try {
      OptionalInt n = services.transport().partitions(dlq);
      if (n.isEmpty()) {
        out.println("Dead-letter topic '" + dlq + "' does not exist; nothing replayed");
        out.flush();
        return 1;
      }
      int targetPartitions = services.transport().partitions(target).orElse(0);
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < n.getAsInt(); p++) {
        tps.add(new TopicPartition(dlq, p));
      }
      try (RecordSource src = services.transport().newAssignedSource(app.id() + "-dlq-replay")) {
        src.assign(tps);
        Map<TopicPartition, Long> ends = src.endOffsets(tps);
        Map<TopicPartition, Long> begins = src.beginningOffsets(tps);
        for (TopicPartition tp : tps) {
          long start = lo != null && lo.instant() == null ? Math.max(lo.offset(), begins.get(tp))
              : begins.get(tp);
          src.seek(tp, Math.min(start, ends.get(tp)));
        }
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        long idleSince = System.nanoTime();
        while (!caughtUp(src, tps, ends) && (limit == null || replayed < limit)) {
          batch.clear();
          if (src.poll(POLL, batch::add) > 0) {
            idleSince = System.nanoTime();
          } else if (System.nanoTime() - idleSince > IDLE.toNanos()) {
            out.println("Read nothing from '" + dlq + "' for " + IDLE.toSeconds() + " s; stopping");
            break;
          }
          for (ConsumerRecord<byte[], byte[]> r : batch) {
            if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))
                || limit != null && replayed >= limit
                || lo != null && lo.before(r) || hi != null && !hi.before(r)) {
              continue;
            }
            String why = check(r, target);
            if (why != null) {
              skipped.merge(why, 1, Integer::sum);
              continue;
            }
            replayed++;
            if (dryRun) {
              out.println("would replay " + dlq + " partition " + r.partition() + " offset "
                  + r.offset() + " to '" + target + "': " + header(r, "message"));
            } else {
              sends.add(services.sendRaw(target, partition(r, targetPartitions), r.key(), r.value(),
                  stripped(r), null, null, timestamp(r)));
            }
          }
        }
      }
      for (CompletableFuture<RecordMetadata> f : sends) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      app.stop(); // flushes and closes the producer
    }
    out.println((dryRun ? "Would replay " : "Replayed ") + replayed + " record(s) from '" + dlq
        + "' to '" + target + "'" + (skipped.isEmpty() ? "" : "; skipped " + skipped));
    out.flush();
    return 0;
  }

  private static boolean caughtUp(RecordSource src, List<TopicPartition> tps,
      Map<TopicPartition, Long> ends) {
    for (TopicPartition tp : tps) {
      if (src.position(tp) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }

  /** @return why the record may not be replayed, or null */
  private String check(ConsumerRecord<byte[], byte[]> r, String target) {
    String origin = header(r, "topic");
    if (origin == null) {
      return "no " + AppServices.DLQ_HEADER + "topic header";
    }
    if (!origin.equals(target)) {
      return "header names another topic";
    }
    return null;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(AppServices.DLQ_HEADER + name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static RecordHeaders stripped(ConsumerRecord<byte[], byte[]> r) {
    RecordHeaders h = new RecordHeaders();
    for (Header x : r.headers()) {
      if (!x.key().startsWith(AppServices.DLQ_HEADER)) {
        h.add(x);
      }
    }
    return h;
  }

  /** The original partition when it is one of the topic's, so that tables stay co-partitioned. */
  private static Integer partition(ConsumerRecord<byte[], byte[]> r, int partitions) {
    try {
      int p = Integer.parseInt(String.valueOf(header(r, "partition")));
      return p >= 0 && p < partitions ? p : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The original timestamp (event time), else the dead-letter record's. */
  private static Long timestamp(ConsumerRecord<byte[], byte[]> r) {
    try {
      long t = Long.parseLong(String.valueOf(header(r, "timestamp")));
      return t >= 0 ? t : r.timestamp();
    } catch (NumberFormatException e) {
      return r.timestamp();
    }
  }
}
