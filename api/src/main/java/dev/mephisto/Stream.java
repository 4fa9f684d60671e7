package dev.mephisto;

import dev.mephisto.stream.StreamOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The values an agent consumes, in partition order. Iterating blocks the agent's virtual thread
 * until the next value arrives; asking for the next value acknowledges the previous one, whose
 * offset is then committed (at-least-once).
 *
 * <pre>{@code
 * app.agent(orders, stream -> {
 *   for (Order order : stream.filter(o -> o.amount() > 0)) {
 *     counts.update(order.accountId(), n -> n + 1);
 *   }
 * });
 * }</pre>
 *
 * <p>Operators return new streams over the same source; use one of them per agent body.
 *
 * @param <V> value type
 */
public interface Stream<V> extends Iterable<V> {
  /**
   * @param predicate keeps values for which it is true; dropped ones are acknowledged
   * @return the filtered stream
   */
  Stream<V> filter(Predicate<? super V> predicate);

  /**
   * @param fn applied to every value
   * @return the mapped stream
   * @param <R> result type
   */
  <R> Stream<R> map(Function<? super V, ? extends R> fn);

  /**
   * @param fn turns a value into zero or more values
   * @return the flattened stream
   * @param <R> result type
   */
  <R> Stream<R> flatMap(Function<? super V, ? extends Iterable<? extends R>> fn);

  /**
   * Repartitions by a new key: each value is forwarded (its original bytes) to the topic {@code
   * <app>-<agent>-<name>-repartition}, keyed by {@code keyFn}, and this stream continues from that
   * topic, so that all values of one key reach one partition (and one table shard).
   *
   * @param keyFn computes the new key
   * @param name a stable name for the repartition topic
   * @return the stream read back from the repartition topic
   */
  Stream<V> groupBy(Function<? super V, ?> keyFn, String name);

  /**
   * Forwards every value to a topic and continues from that topic.
   *
   * @param topic the intermediate topic
   * @return the stream read back from it
   */
  Stream<V> through(Topic<?, V> topic);

  /**
   * Batches values: a list as soon as {@code max} values are there, or when {@code within} has
   * passed since the first value of the batch.
   *
   * @param max batch size, at least 1
   * @param within longest wait for a partial batch
   * @return a stream of batches
   */
  Stream<List<V>> take(int max, Duration within);

  /**
   * Sends every value also to the given topics, keyed as it came in.
   *
   * @param topics where copies go
   * @return this stream, unchanged
   */
  Stream<V> echo(Topic<?, ?>... topics);

  /** @return the values with their position */
  Stream<Indexed<V>> enumerate();

  /**
   * The values with their keys. {@code K} is the key type of the source topic.
   *
   * @return key and value pairs
   * @param <K> the source's key type
   */
  <K> Stream<KeyValue<K, V>> items();

  /**
   * The full events: key, value, headers and coordinates. {@code K} is the key type of the source.
   *
   * @return events
   * @param <K> the source's key type
   */
  <K> Stream<Event<K, V>> events();

  /** @return a stream that acknowledges each event as soon as it is read, not after processing */
  Stream<V> noAck();

  /**
   * @param action called with every value as it passes
   * @return a stream of the same values
   */
  Stream<V> peek(Consumer<? super V> action);

  /**
   * Applies an operator instance.
   *
   * @param operator the operator
   * @param config its configuration
   * @return the operator's output
   */
  Stream<V> apply(StreamOperator operator, Map<String, ?> config);

  /**
   * Applies an operator found by name through {@link dev.mephisto.stream.StreamOperators}, e.g.
   * {@code stream.apply("dedupe", Map.of("within", "PT1M"))}.
   *
   * @param operatorName the operator's {@link StreamOperator#name()}
   * @param config its configuration
   * @return the operator's output
   */
  Stream<V> apply(String operatorName, Map<String, ?> config);

  /** @return the event the agent is processing now, on this agent's thread */
  Optional<Event<?, ?>> currentEvent();
}
