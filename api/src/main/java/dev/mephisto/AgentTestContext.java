package dev.mephisto;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Drives one agent without a broker, as Faust's {@code agent.test_context()}.
 *
 * <pre>{@code
 * try (AgentTestContext<String, Order> ctx = agent.testContext()) {
 *   ctx.put("ann", new Order("ann", 3));
 *   assertEquals(List.of(300), ctx.results());
 * }
 * }</pre>
 *
 * @param <K> the key type of what the agent consumes
 * @param <V> the type of values the agent consumes
 */
public interface AgentTestContext<K, V> extends AutoCloseable {
  /**
   * Puts a value in and returns once the agent has processed it (asked for the next one).
   *
   * @param value the value
   * @return the event as the agent saw it
   */
  Event<K, V> put(V value);

  /**
   * Puts a keyed value in and returns once the agent has processed it.
   *
   * @param key the key (null for none)
   * @param value the value
   * @return the event as the agent saw it
   */
  Event<K, V> put(@Nullable K key, V value);

  /**
   * Starts a value to put in with a key, partition, timestamp and headers of its own.
   *
   * <pre>{@code
   * ctx.message(click).key("ann").timestamp(at).partition(1).put();
   * }</pre>
   *
   * @param value the value
   * @return a message; nothing is put in before its {@link TestMessage#put()}
   */
  @Experimental("new in this release")
  TestMessage<K, V> message(V value);

  /**
   * Starts a record of another topic this agent reads — the other side of a stream–stream join
   * in its body — to put in with a key, partition, timestamp and headers of its own, so both
   * sides of a join can be tested without a broker:
   *
   * <pre>{@code
   * ctx.message(payment).key("acc-1").timestamp(t).put();
   * ctx.message(logins, login).key("acc-1").timestamp(t.plusSeconds(30)).put();
   * }</pre>
   *
   * <p>State in a test context (tables, windows, join buffers) is sharded by the key's hash, as
   * Kafka's default partitioner places keys: records of one key share one stream time.
   *
   * @param topic the other topic, as the body joins it
   * @param value the value
   * @param <V2> its value type
   * @return a message; nothing is put in before its {@link TestMessage#put()}, which fails with
   *     an {@link IllegalArgumentException} if the agent's body does not read that topic
   */
  <V2> TestMessage<K, V2> message(Topic<K, V2> topic, V2 value);

  /** @return every result the agent's body yielded so far, in order */
  List<Object> results();

  /** @return every message sent to a topic while the context was open, in order */
  List<Event<Object, Object>> sent();

  /** Stops the agent instance of this context. */
  @Override
  void close();
}
