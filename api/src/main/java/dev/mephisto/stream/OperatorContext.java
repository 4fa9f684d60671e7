package dev.mephisto.stream;

import dev.mephisto.App;
import dev.mephisto.Event;
import dev.mephisto.Experimental;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link StreamOperator} knows of where it runs: its app and agent, the event being
 * processed (partition, event time), and durable state. Given to {@link
 * StreamOperator#apply(dev.mephisto.Stream, java.util.Map, OperatorContext)} once per stream it
 * transforms; the event accessors answer for the event the agent's thread is processing when
 * they are called.
 *
 * <pre>{@code
 * OperatorState<String, Long> seen = context.state("seen", String.class, Long.class,
 *     Duration.ofMinutes(10));
 * return upstream.filter(v -> {
 *   String id = idOf(v);
 *   if (seen.get(id).isPresent()) {
 *     return false;
 *   }
 *   seen.put(id, context.eventTime().orElseThrow().toEpochMilli());
 *   return true;
 * });
 * }</pre>
 */
@Experimental("new in this release")
public interface OperatorContext {
  /** @return the app the agent belongs to */
  App app();

  /** @return the agent's name */
  String agentName();

  /**
   * @return the name this application of the operator is known by: the operator's name, or its
   *     {@code name} option when given (two stateful operators of one name in one agent need
   *     one each)
   */
  String operatorName();

  /** @return the partition of the event being processed, empty outside processing */
  OptionalInt partition();

  /** @return the timestamp of the event being processed (its event time), if any */
  Optional<Instant> eventTime();

  /** @return the event being processed, if any */
  Optional<Event<?, ?>> currentEvent();

  /**
   * Opens durable state for this operator: a table of its own, sharded like the agent's stream
   * (entry {@code k} in the partition of the event being processed), logged to the changelog
   * {@code <app>-<agent>-<operator>-<name>-changelog} and restored from it after a restart or
   * rebalance, through the app's store and write cache. Entries expire {@code retention} after
   * the event time of their last write, by the stream time of their partition.
   *
   * <p>Call it when the operator is applied (in the agent body, before iterating): the same name
   * gives the same state to every instance of the agent and to a body restarted after a failure.
   *
   * @param name the state's name within this operator
   * @param keyType key type
   * @param valueType value type
   * @param retention how long after its last write an entry is kept
   * @return the state
   * @param <K> key type
   * @param <V> value type
   * @throws dev.mephisto.ConfigurationException for a name or retention that cannot be used
   */
  <K, V> OperatorState<K, V> state(String name, Class<K> keyType, Class<V> valueType,
      Duration retention);
}
