package dev.mephisto.examples.faustinterop;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Stands in for the Python Faust app on the other side: it sends bytes exactly as Faust's {@code
 * json} codec writes them and prints the bytes it reads back, with plain Kafka clients and no
 * Mephisto at all.
 */
final class PythonFaustStandIn implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final PrintStream out;
  private final AtomicInteger next = new AtomicInteger();
  private final long createdAt = System.currentTimeMillis();
  private Thread reader;

  PythonFaustStandIn(String bootstrapServers, PrintStream out) {
    this.out = out;
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
  }

  /** Sends the next of {@link FaustInterop#FAUST_ORDERS}, keyed by its account, as Faust would. */
  void sendNextOrder() {
    List<String> orders = FaustInterop.FAUST_ORDERS;
    String json = orders.get(next.getAndIncrement() % orders.size());
    String account = json.replaceFirst(".*\"account_id\": \"([^\"]+)\".*", "$1");
    producer.send(new ProducerRecord<>(FaustInterop.ORDERS, account.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8)));
    out.println("  faust  -> " + json);
  }

  /**
   * Prints every message written to an existing topic since this object was made, on a platform
   * thread.
   *
   * @param topic the topic to follow
   */
  void follow(String topic) {
    List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
    reader = Thread.ofPlatform().name("faust-stand-in").start(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.timestamp() >= createdAt) { // earlier runs on a real cluster are not news
              out.println("  faust <-  " + new String(r.value(), StandardCharsets.UTF_8));
            }
          }
        }
      } catch (WakeupException stopping) {
        // close() woke us up
      }
    });
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    if (reader != null) {
      consumer.wakeup();
      try {
        reader.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
