package dev.mephisto;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every topic whose whole name matches a regular expression, read by one agent as one stream of
 * one key and value type, as Kafka's {@code subscribe(Pattern)}. Made by {@link
 * App#topicPattern(Pattern, Class, Class)}; immutable: every {@code withX} returns a new one.
 *
 * <pre>{@code
 * TopicPattern<String, Order> regional =
 *     app.topicPattern(Pattern.compile("orders-[a-z]+"), String.class, Order.class);
 * app.agent(regional, stream -> {
 *   for (Event<String, Order> e : stream.events()) {
 *     log.info("{} from {}", e.value(), e.topic());
 *   }
 * });
 * }</pre>
 *
 * <p>The worker looks for matching topics at start and every {@link #refreshInterval()} after,
 * and subscribes to new ones (it leaves topics that were deleted). Topics of the app's own
 * making never match: dead-letter topics ({@code <topic>.dlq}), repartition and changelog topics,
 * reply topics, and Kafka's internal topics ({@code __consumer_offsets}). A record that cannot be
 * decoded, or on which the agent fails, goes to the dead-letter topic of the topic it came from.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Experimental("new in this release")
public interface TopicPattern<K, V> {
  /** @return the expression a topic's whole name must match */
  Pattern pattern();

  /** @return the type keys are decoded into */
  Class<K> keyType();

  /** @return the type values are decoded into */
  Class<V> valueType();

  /** @return the key codec chain of every matching topic; empty means the app's default */
  Optional<String> keyCodec();

  /** @return the value codec chain of every matching topic; empty means the model's or app's */
  Optional<String> valueCodec();

  /** @return how often the worker looks for new matching topics (default 30 seconds) */
  Duration refreshInterval();

  /**
   * @param codecSpec a codec chain such as {@code "raw"} or {@code "json"}
   * @return a copy whose keys use that chain
   */
  TopicPattern<K, V> withKeyCodec(String codecSpec);

  /**
   * @param codecSpec a codec chain such as {@code "json|binary"}
   * @return a copy whose values use that chain
   */
  TopicPattern<K, V> withValueCodec(String codecSpec);

  /**
   * @param interval how often to look for new matching topics; positive
   * @return a copy with that interval
   */
  TopicPattern<K, V> withRefreshInterval(Duration interval);
}
