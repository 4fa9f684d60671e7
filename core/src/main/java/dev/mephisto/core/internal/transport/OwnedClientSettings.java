package dev.mephisto.core.internal.transport;

import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.core.internal.assign.MephistoAssignor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka client settings the runtime sets itself and a user must not change: a {@code kafka.*}
 * setting for one of them with another value fails when the app is built, naming both values,
 * instead of being overwritten silently (or, worse, taking effect and breaking the runtime).
 */
final class OwnedClientSettings {
  private OwnedClientSettings() {}

  /** Setting → the value the runtime needs, and why. */
  private record Owned(String value, String why) {}

  private static Map<String, Owned> consumer(AppSettings settings) {
    Map<String, Owned> m = new LinkedHashMap<>();
    m.put(ConsumerConfig.GROUP_ID_CONFIG, new Owned(settings.id(), "the group is the app's id"));
    m.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, new Owned("classic",
        "Mephisto's assignor runs in the client, which the classic protocol needs"));
    m.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        new Owned(MephistoAssignor.class.getName(), "co-partitioning, standbys and warm-up "
            + "moves need Mephisto's assignor"));
    m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, new Owned("false",
        "offsets are committed only once records and their outputs are done"));
    m.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, new Owned(
        ByteArrayDeserializer.class.getName(), "keys are decoded by the topic's codec"));
    m.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, new Owned(
        ByteArrayDeserializer.class.getName(), "values are decoded by the topic's codec"));
    if (settings.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE) {
      m.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, new Owned("read_committed",
          "exactly-once reads only committed records"));
    }
    return m;
  }

  private static Map<String, Owned> producer() {
    Map<String, Owned> m = new LinkedHashMap<>();
    m.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, new Owned(
        ByteArraySerializer.class.getName(), "keys are encoded by the topic's codec"));
    m.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, new Owned(
        ByteArraySerializer.class.getName(), "values are encoded by the topic's codec"));
    return m;
  }

  /**
   * @param settings the app's settings
   * @throws ConfigurationException naming the setting, its value and the runtime's
   */
  static void check(AppSettings settings) {
    Map<String, Owned> consumer = consumer(settings);
    Map<String, Owned> producer = producer();
    settings.kafka().forEach((key, value) -> {
      int dot = key.indexOf('.');
      String prefix = dot > 0 ? key.substring(0, dot) : "";
      String name = key;
      boolean forConsumer = true;
      boolean forProducer = true;
      if (prefix.equals("consumer") || prefix.equals("producer") || prefix.equals("admin")) {
        name = key.substring(dot + 1);
        forConsumer = prefix.equals("consumer");
        forProducer = prefix.equals("producer");
      }
      if (forConsumer) {
        check(key, value, consumer.get(name));
      }
      if (forProducer) {
        check(key, value, producer.get(name));
      }
    });
  }

  private static void check(String key, String value, Owned owned) {
    if (owned == null || owned.value().equalsIgnoreCase(value.trim())) {
      return;
    }
    throw new ConfigurationException("Kafka setting '" + key + "' was '" + value
        + "' but Mephisto sets it to '" + owned.value() + "' (" + owned.why() + "); remove the "
        + "setting" + (key.toLowerCase(Locale.ROOT).contains("group.id")
            ? " (the consumer group is the app's id: App.builder(id))" : ""));
  }
}
