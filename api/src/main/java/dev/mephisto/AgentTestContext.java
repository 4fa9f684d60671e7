package dev.mephisto;

import java.util.List;

/**
 * Drives one agent without a broker, as Faust's {@code agent.test_context()}.
 *
 * <pre>{@code
 * try (AgentTestContext<Order> ctx = agent.testContext()) {
 *   ctx.put(new Order("ann", 3));
 *   assertEquals(List.of(300), ctx.results());
 * }
 * }</pre>
 *
 * @param <V> the type of values the agent consumes
 */
public interface AgentTestContext<V> extends AutoCloseable {
  /**
   * Puts a value in and returns once the agent has processed it (asked for the next one).
   *
   * @param value the value
   * @return the event as the agent saw it
   */
  Event<Object, V> put(V value);

  /**
   * Puts a keyed value in and returns once the agent has processed it.
   *
   * @param key the key
   * @param value the value
   * @return the event as the agent saw it
   */
  Event<Object, V> put(Object key, V value);

  /** @return every result the agent's body yielded so far, in order */
  List<Object> results();

  /** @return every message sent to a topic while the context was open, in order */
  List<Event<Object, Object>> sent();

  /** Stops the agent instance of this context. */
  @Override
  void close();
}
