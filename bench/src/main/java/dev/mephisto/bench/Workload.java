package dev.mephisto.bench;

import dev.mephisto.bench.data.Dataset;
import dev.mephisto.bench.data.Json;
import dev.mephisto.bench.data.Summary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The workloads of Kafka's former Streams benchmark suite, each with its completion condition
 * and its check of the result. Every implementation runs the same data through each of them.
 */
public enum Workload {
  /** Read every input record. */
  CONSUME("consume", "read N records", false) {
    @Override
    Verdict verify(RunContext ctx, Observed o) {
      return Verdict.equal("records", ctx.dataset().records(), o.records())
          .and(Verdict.equal("value bytes", ctx.dataset().valueBytes(), o.valueBytes()));
    }
  },
  /** Consume, upper-case the value, produce. */
  PIPE("pipe", "consume -> uppercase value -> produce", true) {
    @Override
    Verdict verify(RunContext ctx, Observed o) {
      Verdict count =
          Verdict.equal("output records", ctx.dataset().records(), outputCount(ctx));
      for (ConsumerRecord<byte[], byte[]> r : sample(ctx)) {
        String value = new String(r.value(), StandardCharsets.US_ASCII);
        if (!value.equals(value.toUpperCase(Locale.ROOT)) || !value.contains("\"ACCOUNT\"")) {
          return Verdict.failed("output value is not the upper-cased input: '" + value + "'");
        }
      }
      return count;
    }
  },
  /** Parse the JSON value, keep three orders of four, write a JSON summary. */
  FILTER_MAP("filter-map", "stateless filter + map to a JSON record", true) {
    @Override
    Verdict verify(RunContext ctx, Observed o) {
      Verdict count = Verdict.equal("output records", ctx.dataset().keptCount(), outputCount(ctx));
      for (ConsumerRecord<byte[], byte[]> r : sample(ctx)) {
        Summary s;
        try {
          s = Json.mapper().readValue(r.value(), Summary.class);
        } catch (java.io.IOException e) {
          return Verdict.failed("output value is not a Summary: " + e.getMessage());
        }
        if (s.amountCents() % 400 == 0 || !s.key().equals(new String(r.key(), StandardCharsets.US_ASCII))) {
          return Verdict.failed("output holds an order the filter drops or a wrong key: " + s);
        }
      }
      return count;
    }
  },
  /** Count by key into an in-memory store. */
  COUNT("count", "count by key (10 000 keys), in-memory store", false) {
    @Override
    Verdict verify(RunContext ctx, Observed o) {
      return Verdict.sameTable("count per key", ctx.dataset().keyCounts(), o.table());
    }
  },
  /** Count by key into a RocksDB store. */
  COUNT_ROCKSDB("count-rocksdb", "count by key (10 000 keys), RocksDB store", false) {
    @Override
    Verdict verify(RunContext ctx, Observed o) {
      return Verdict.sameTable("count per key", ctx.dataset().keyCounts(), o.table());
    }
  },
  /** Count by key in hopping windows of 1 s advancing by 500 ms. */
  WINDOWED_COUNT("windowed-count", "count by key, hopping 1 s windows / 500 ms advance", false) {
    @Override
    Verdict verify(RunContext ctx, Observed o) {
      return Verdict.sameTable("count per window", ctx.dataset().windowTotals(), o.windowTotals());
    }
  },
  /** Group by the account field (through a repartition topic), then count. */
  REPARTITION("repartition", "group by account (repartition topic), then count", false) {
    @Override
    Verdict verify(RunContext ctx, Observed o) {
      return Verdict.sameTable("count per account", ctx.dataset().accountCounts(), o.table());
    }
  },
  /** Rebuild a table from its changelog. */
  RESTORE("restore", "rebuild a table from its changelog", false) {
    @Override
    long target(Dataset d) {
      return d.restoreEntries();
    }

    @Override
    long inputBytes(Dataset d) {
      return d.restoreEntries() * (8 + Long.BYTES);
    }

    @Override
    Verdict verify(RunContext ctx, Observed o) {
      long sum = o.table().values().stream().mapToLong(Long::longValue).sum();
      return Verdict.equal("table entries", ctx.dataset().restoreEntries(), o.table().size())
          .and(Verdict.equal("sum of values", ctx.dataset().restoreValueSum(), sum));
    }
  };

  private static final int SAMPLE = 200;

  private final String id;
  private final String description;
  private final boolean writesOutput;

  Workload(String id, String description, boolean writesOutput) {
    this.id = id;
    this.description = description;
    this.writesOutput = writesOutput;
  }

  /** @return the name used on the command line and in results, e.g. {@code filter-map} */
  public String id() {
    return id;
  }

  /** @return one line saying what it does */
  public String description() {
    return description;
  }

  /** @return true if it writes to {@link RunContext#outputTopic()}; it is done once all is there */
  public boolean writesOutput() {
    return writesOutput;
  }

  /**
   * @param d the data set
   * @return records processed when done: output records for output workloads, else input
   *     records ({@link Progress})
   */
  long target(Dataset d) {
    return this == FILTER_MAP ? d.keptCount() : d.records();
  }

  /**
   * @param d the data set
   * @return bytes a complete run reads, for MB/s
   */
  long inputBytes(Dataset d) {
    return d.bytes();
  }

  /**
   * @param d the data set
   * @return the least number of changelog records a durable result holds: one per key of its
   *     table (at least one window per key for windowed-count), 0 for stateless workloads
   */
  long minChangelogRecords(Dataset d) {
    return switch (this) {
      case COUNT, COUNT_ROCKSDB, WINDOWED_COUNT -> d.keyCounts().size();
      case REPARTITION -> d.accountCounts().size();
      default -> 0;
    };
  }

  /** @return the records per run: what records/s is computed from */
  long recordsProcessed(Dataset d) {
    return this == RESTORE ? d.restoreEntries() : d.records();
  }

  /**
   * Checks the result of a finished run.
   *
   * @param ctx the run
   * @param observed what the implementation computed
   * @return the verdict
   */
  abstract Verdict verify(RunContext ctx, Observed observed);

  /**
   * @param id e.g. {@code count}
   * @return the workload with that name
   */
  public static Optional<Workload> byId(String id) {
    return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst();
  }

  /** @return every workload name */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Workload::id).toList();
  }

  private static long outputCount(RunContext ctx) {
    return ctx.client().recordCount(ctx.outputTopic());
  }

  private static List<ConsumerRecord<byte[], byte[]>> sample(RunContext ctx) {
    long available = Math.min(SAMPLE, outputCount(ctx));
    return ctx.client().consume(ctx.outputTopic(), (int) available, Duration.ofSeconds(30));
  }
}
