package dev.mephisto;

import dev.mephisto.stream.StreamOperator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The values an agent consumes, in partition order, with the type of their keys. Iterating blocks
 * the agent's virtual thread until the next value arrives; asking for the next value acknowledges
 * the previous one, whose offset is then committed (at-least-once).
 *
 * <pre>{@code
 * Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
 * app.agent(orders, stream -> {                      // Stream<String, Order>
 *   for (Order order : stream.filter(o -> o.amount() > 0)) {
 *     counts.update(order.accountId(), n -> n + 1);
 *   }
 * });
 * }</pre>
 *
 * <p>{@code K} is the key type of the topic the values come from: it stays through {@link #map},
 * {@link #filter} and the other operators, and only {@link #groupBy(Function, Class, String)}
 * changes it. {@link #items()} and {@link #events()} give the keys, typed.
 *
 * <p>Operators return new streams over the same source; use one of them per agent body.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Stream<K, V> extends Iterable<V> {
  /**
   * @param predicate keeps values for which it is true; dropped ones are acknowledged
   * @return the filtered stream
   */
  Stream<K, V> filter(Predicate<? super V> predicate);

  /**
   * The keys stay; the values are replaced. The new values' class is not known at run time
   * (erasure): before a {@link #groupBy} of mapped values declare it with {@link
   * #withValueType(Class)}.
   *
   * @param fn applied to every value
   * @return the mapped stream
   * @param <R> result type
   */
  <R> Stream<K, R> map(Function<? super V, ? extends R> fn);

  /**
   * @param fn turns a value into zero or more values, all with the key of the value they came from
   * @return the flattened stream
   * @param <R> result type
   */
  <R> Stream<K, R> flatMap(Function<? super V, ? extends Iterable<? extends R>> fn);

  /**
   * Declares the class of this stream's values, which a {@link #map} hides, so that a {@link
   * #groupBy} can decode them on the worker that reads the repartition topic. Every value is
   * checked: one of another class fails as the agent's body would.
   *
   * <pre>{@code
   * stream.map(o -> new Total(o.accountId(), o.amount()))
   *     .withValueType(Total.class)
   *     .groupBy(Total::accountId, "account");
   * }</pre>
   *
   * @param valueType the class of every value
   * @return a stream of the same values, of a known class
   */
  @Experimental("a value type carried through map (map(fn, Class)) may replace it")
  Stream<K, V> withValueType(Class<V> valueType);

  /**
   * Repartitions by a new key of the same type as the current one: each value is forwarded to
   * the topic {@code <app>-<agent>-<name>-repartition}, keyed by {@code keyFn}, and this stream
   * continues from that topic, so that all values of one key reach one partition (and one table
   * shard). Unchanged values are forwarded as their original bytes; mapped ones need {@link
   * #withValueType(Class)} first.
   *
   * <pre>{@code
   * Stream<String, Order> byAccount = stream.groupBy(Order::accountId, "accountId");
   * }</pre>
   *
   * @param keyFn computes the new key
   * @param name a stable name for the repartition topic
   * @return the stream read back from the repartition topic
   * @throws ConfigurationException if the values' class is not known (after a map)
   */
  Stream<K, V> groupBy(Function<? super V, ? extends K> keyFn, String name);

  /**
   * Repartitions by a new key of another type: as {@link #groupBy(Function, String)}, and the
   * worker reading the repartition topic decodes the keys into {@code keyType}.
   *
   * <pre>{@code
   * Stream<Long, Order> byCustomer = stream.groupBy(Order::customerId, Long.class, "customer");
   * }</pre>
   *
   * @param keyFn computes the new key
   * @param keyType the new key's class
   * @param name a stable name for the repartition topic
   * @return the stream read back from the repartition topic, keyed by the new key
   * @param <K2> the new key type
   * @throws ConfigurationException if the values' class is not known (after a map)
   */
  <K2> Stream<K2, V> groupBy(Function<? super V, ? extends K2> keyFn, Class<K2> keyType,
      String name);

  /**
   * Forwards every value, with its key, to a topic and continues from that topic. The key is
   * re-encoded when the topic's key codec differs from the source's.
   *
   * @param topic the intermediate topic, of this stream's key and value types
   * @return the stream read back from it
   */
  Stream<K, V> through(Topic<K, V> topic);

  /**
   * Batches values: a list as soon as {@code max} values are there, or when {@code within} has
   * passed since the first value of the batch.
   *
   * @param max batch size, at least 1
   * @param within longest wait for a partial batch
   * @return a stream of batches
   */
  Stream<K, List<V>> take(int max, Duration within);

  /**
   * Sends every value also to a topic, keyed as it came in; call it again for more topics.
   *
   * @param topic where copies go
   * @return a stream of the same values
   */
  Stream<K, V> echo(Topic<K, ? super V> topic);

  /** @return the values with their position */
  Stream<K, Indexed<V>> enumerate();

  /**
   * The values with their keys, typed.
   *
   * <pre>{@code
   * for (KeyValue<String, Order> kv : stream.items()) { ... }
   * }</pre>
   *
   * @return key and value pairs
   */
  Stream<K, KeyValue<K, V>> items();

  /**
   * The full events: key, value, headers and coordinates.
   *
   * @return events
   */
  Stream<K, Event<K, V>> events();

  /** @return a stream that acknowledges each event as soon as it is read, not after processing */
  Stream<K, V> noAck();

  /**
   * @param action called with every value as it passes
   * @return a stream of the same values
   */
  Stream<K, V> peek(Consumer<? super V> action);

  /**
   * Joins every value with the value of its key in a table: an inner stream–table join, as Kafka
   * Streams' {@code KStream.join(KTable)}. The lookup happens when the value is processed, in the
   * table's partition of the value's partition: the table must be fed co-partitioned (by another
   * agent, or from a topic) and have the stream's partition count, which is checked when the
   * join is made (at start: a mismatch stops the worker, naming both topics and counts). A value
   * whose key is absent from the table (or null) is dropped.
   *
   * <pre>{@code
   * Stream<String, Enriched> enriched = orders.join(customers, Enriched::new);
   * }</pre>
   *
   * @param table a table keyed as this stream
   * @param joiner makes a result from the value and the table's value
   * @return the joined stream
   * @param <T> the table's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <T, R> Stream<K, R> join(Table<K, T> table, BiFunction<? super V, ? super T, ? extends R> joiner);

  /**
   * As {@link #join(Table, BiFunction)}, but a value whose key is absent is joined with {@code
   * null}: a left stream–table join.
   *
   * @param table a table keyed as this stream
   * @param joiner makes a result from the value and the table's value (null when absent)
   * @return the joined stream
   * @param <T> the table's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <T, R> Stream<K, R> leftJoin(Table<K, T> table,
      BiFunction<? super V, ? super @Nullable T, ? extends R> joiner);

  /**
   * Joins every value with the value a global table holds under the key {@code keyMapper}
   * computes: an inner stream–global-table join, as Kafka Streams' {@code
   * KStream.join(GlobalKTable, KeyValueMapper, ValueJoiner)}. Every worker holds every partition
   * of a global table, so no co-partitioning is needed. Values whose mapped key is absent (or
   * null) are dropped.
   *
   * <pre>{@code
   * Stream<String, Priced> priced = orders.join(products, Order::productId, Priced::new);
   * }</pre>
   *
   * @param globalTable a table declared with {@link App#globalTable}
   * @param keyMapper the table key of a value
   * @param joiner makes a result from the value and the table's value
   * @return the joined stream
   * @param <K2> the table's key type
   * @param <T> the table's value type
   * @param <R> result type
   * @throws ConfigurationException if the table is not global
   */
  @Experimental("new in this release")
  <K2, T, R> Stream<K, R> join(Table<K2, T> globalTable, Function<? super V, ? extends K2> keyMapper,
      BiFunction<? super V, ? super T, ? extends R> joiner);

  /**
   * As {@link #join(Table, Function, BiFunction)}, but a value whose mapped key is absent is
   * joined with {@code null}.
   *
   * @param globalTable a table declared with {@link App#globalTable}
   * @param keyMapper the table key of a value
   * @param joiner makes a result from the value and the table's value (null when absent)
   * @return the joined stream
   * @param <K2> the table's key type
   * @param <T> the table's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <K2, T, R> Stream<K, R> leftJoin(Table<K2, T> globalTable,
      Function<? super V, ? extends K2> keyMapper,
      BiFunction<? super V, ? super @Nullable T, ? extends R> joiner);

  /**
   * Joins this stream with another topic's events of the same key that are at most the window
   * apart in time: an inner stream–stream join, as Kafka Streams' {@code KStream.join(KStream,
   * ValueJoiner, JoinWindows)}. The agent also consumes {@code other}, which must have the
   * partition count of this stream's topic (checked when the join is made). After {@code
   * groupBy} or {@code through} this stream's topic is the repartition or through topic: the
   * join uses the new key, and {@code other} must be keyed and partitioned like it (produced
   * with the same key codec and the default partitioner). Both sides are kept
   * in changelogged window stores ({@code <app>-<agent>-<name>-this-changelog} and {@code
   * -other-changelog}) for the window plus its grace; an event joins every partner already
   * there, whichever side comes first; an event later than the grace still joins what the stores
   * hold (as in Kafka Streams), until stream time passes it by before plus after plus grace.
   *
   * <pre>{@code
   * Stream<String, Alert> alerts = payments.join(logins,
   *     JoinWindow.of(Duration.ofMinutes(5)), Alert::new, "payment-login");
   * }</pre>
   *
   * <p>Results of events of {@code other} come out of this stream as well; {@link
   * #currentEvent()} then is the event of {@code other}.
   *
   * @param other a topic with the same key type and partition count
   * @param window how far apart joined events may be
   * @param joiner makes a result from this stream's value and the other's
   * @param name a stable name for the join's stores and changelogs
   * @return the joined stream
   * @param <V2> the other topic's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <V2, R> Stream<K, R> join(Topic<K, V2> other, JoinWindow window,
      BiFunction<? super V, ? super V2, ? extends R> joiner, String name);

  /**
   * As {@link #join(Topic, JoinWindow, BiFunction, String)}, and an event of this stream that
   * found no partner is joined with {@code null} once its window has closed (never before, so
   * never spuriously), as Kafka Streams does since KIP-633. That result carries its own event's
   * key.
   *
   * @param other a topic with the same key type and partition count
   * @param window how far apart joined events may be
   * @param joiner makes a result from this stream's value and the other's (null: none)
   * @param name a stable name for the join's stores and changelogs
   * @return the joined stream
   * @param <V2> the other topic's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <V2, R> Stream<K, R> leftJoin(Topic<K, V2> other, JoinWindow window,
      BiFunction<? super V, ? super @Nullable V2, ? extends R> joiner, String name);

  /**
   * As {@link #leftJoin(Topic, JoinWindow, BiFunction, String)}, and events of {@code other}
   * that found no partner are joined too, with {@code null} for this stream's value.
   *
   * @param other a topic with the same key type and partition count
   * @param window how far apart joined events may be
   * @param joiner makes a result from both values (either null, never both)
   * @param name a stable name for the join's stores and changelogs
   * @return the joined stream
   * @param <V2> the other topic's value type
   * @param <R> result type
   */
  @Experimental("new in this release")
  <V2, R> Stream<K, R> outerJoin(Topic<K, V2> other, JoinWindow window,
      BiFunction<? super @Nullable V, ? super @Nullable V2, ? extends R> joiner, String name);

  /**
   * Applies an operator instance.
   *
   * @param operator the operator
   * @param config its configuration
   * @return the operator's output
   */
  Stream<K, V> apply(StreamOperator operator, Map<String, ?> config);

  /**
   * Applies an operator found by name through {@link dev.mephisto.stream.StreamOperators}, e.g.
   * {@code stream.apply("dedupe", Map.of("within", "PT1M"))}.
   *
   * @param operatorName the operator's {@link StreamOperator#name()}
   * @param config its configuration
   * @return the operator's output
   */
  Stream<K, V> apply(String operatorName, Map<String, ?> config);

  /**
   * The event the agent is processing now, on this agent's thread: its key is this stream's key;
   * its value is the one read from the topic (before any {@link #map}).
   *
   * @return the event, empty before the first one
   */
  Optional<Event<K, ?>> currentEvent();
}
