package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.ProducerProfile;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.WorkloadRunner;
import dev.mephisto.testkit.Await;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Runs one Kafka Streams topology: at-least-once, one stream thread, the bench's common commit
 * interval ({@code --commit-interval}, the same for all three), record cache and everything else at Kafka Streams' defaults.
 */
abstract class StreamsRunner implements WorkloadRunner {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  protected KafkaStreams streams;

  /**
   * Adds the workload's topology.
   *
   * @param builder the builder
   * @param ctx the run
   */
  abstract void build(StreamsBuilder builder, RunContext ctx);

  /**
   * @param ctx the run
   * @return the application id (consumer group, internal topic prefix)
   */
  String applicationId(RunContext ctx) {
    return ctx.name("app");
  }

  /**
   * Called before the start, e.g. to add a restore listener.
   *
   * @param kafkaStreams the instance
   * @param ctx the run
   */
  void beforeStart(KafkaStreams kafkaStreams, RunContext ctx) {}

  /**
   * Reads the result from the running instance.
   *
   * @param ctx the run
   * @return what it computed
   */
  abstract Observed result(RunContext ctx);

  @Override
  public void start(RunContext ctx) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(ctx));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, ctx.stateDir().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(ctx.commitInterval().toMillis()));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    if (ctx.producerProfile() == ProducerProfile.EQUAL) {
      p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
          Integer.toString(ProducerProfile.EQUAL_LINGER_MS));
    }
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(p)));
    build(builder, ctx);
    streams = new KafkaStreams(builder.build(), p);
    streams.setUncaughtExceptionHandler(
        e -> {
          ctx.fail(e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    beforeStart(streams, ctx);
    streams.start();
  }

  @Override
  public List<String> groups(RunContext ctx) {
    return List.of(applicationId(ctx));
  }

  @Override
  public Observed observe(RunContext ctx) {
    // Interactive queries need the RUNNING state; it is there once processing has gone this far.
    Await.atMost(Duration.ofSeconds(60))
        .until("Kafka Streams is RUNNING", () -> streams.state(), s -> s == KafkaStreams.State.RUNNING);
    return result(ctx);
  }

  /** @return RocksDB memory figures Kafka Streams reports in its metrics, summed over stores */
  Map<String, Long> rocksDbMemory() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
      String name = m.getKey().name();
      if (m.getKey().group().equals("stream-state-metrics")
          && (name.equals("block-cache-usage")
              || name.equals("size-all-mem-tables")
              || name.equals("estimate-table-readers-mem"))
          && m.getValue().metricValue() instanceof Number n) {
        out.merge(name, n.longValue(), Long::sum);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (streams != null) {
      // Leave the group: a repeated run with the same application id (restore) would otherwise
      // wait for this member's session to time out (45 s) before it is assigned anything.
      streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
          .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
  }
}
