package dev.mephisto.bench.streams;

import dev.mephisto.bench.Observed;
import dev.mephisto.bench.RunContext;
import dev.mephisto.bench.data.Dataset;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.Stores;

/**
 * restore: an app whose in-memory count store's changelog is the pre-loaded restore topic, with
 * an empty source; starting with no local state, it restores the whole changelog before RUNNING.
 */
final class StreamsRestore extends StreamsRunner {
  private String trigger;

  @Override
  public void prepare(RunContext ctx) {
    trigger = ctx.name("trigger");
    ctx.client().createTopic(trigger, ctx.dataset().partitions());
  }

  @Override
  String applicationId(RunContext ctx) {
    return ctx.dataset().restoreApp();
  }

  @Override
  void build(StreamsBuilder builder, RunContext ctx) {
    builder.stream(trigger, Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count(
            Materialized.<String, Long>as(Stores.inMemoryKeyValueStore(Dataset.RESTORE_STORE))
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()));
  }

  @Override
  void beforeStart(KafkaStreams kafkaStreams, RunContext ctx) {
    kafkaStreams.setGlobalStateRestoreListener(
        new StateRestoreListener() {
          @Override
          public void onRestoreStart(TopicPartition tp, String store, long start, long end) {}

          @Override
          public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long restored) {
            ctx.progress().add(restored);
          }

          @Override
          public void onRestoreEnd(TopicPartition tp, String store, long total) {}
        });
  }

  @Override
  Observed result(RunContext ctx) {
    return Observed.records(ctx.progress().records())
        .withTable(StreamsCount.table(streams, Dataset.RESTORE_STORE));
  }
}
