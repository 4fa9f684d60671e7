package dev.mephisto;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One value put into an agent's test context with the coordinates a real record would have: key,
 * partition, event time and headers. Made by {@link AgentTestContext#message(Object)}, so that
 * windows, joins and stateful operators can be tested without a broker.
 *
 * <pre>{@code
 * try (var ctx = agent.testContext()) {
 *   ctx.message(click).key("ann").timestamp(Instant.parse("2026-01-01T12:00:00Z"))
 *       .partition(1).header("trace", bytes).put();
 * }
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
@Experimental("new in this release")
public interface TestMessage<K, V> {
  /**
   * @param key the key (null for none, the default)
   * @return this message
   */
  TestMessage<K, V> key(@Nullable K key);

  /**
   * @param partition the partition the record seems to come from (default 0)
   * @return this message
   */
  TestMessage<K, V> partition(int partition);

  /**
   * @param timestamp the record's timestamp, its event time (default: now)
   * @return this message
   */
  TestMessage<K, V> timestamp(Instant timestamp);

  /**
   * @param name a header's name
   * @param value its bytes
   * @return this message
   */
  TestMessage<K, V> header(String name, byte[] value);

  /**
   * Puts the message in and returns once the agent has processed it.
   *
   * @return the event as the agent saw it
   */
  Event<K, V> put();
}
