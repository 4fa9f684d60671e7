package dev.mephisto.core.internal.stream;

import dev.mephisto.Topic;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.stream.StreamOperator;
import java.util.function.Function;

/** What a stream needs of the agent instance that runs it. */
public interface StreamHost {
  /** @return the agent's name */
  String agentName();

  /**
   * @param topic a topic a stream of this instance reads
   * @return the meter of that stream (records in, time per record)
   */
  default dev.mephisto.core.internal.metrics.SourceMeter sourceMeter(String topic) {
    return dev.mephisto.core.internal.metrics.SourceMeter.NONE;
  }

  /** Called when a stream of this instance is about to wait for a record. */
  void pulling();

  /**
   * Handles a record whose value could not be decoded: to the dead-letter topic (blocking until
   * stored), skipped, or the agent stops, by the agent's policy.
   *
   * @param d the record
   * @param error what went wrong
   */
  void undecodable(Delivery d, RuntimeException error);

  /**
   * Checks what the agent would do with a record's headers before the agent sees it: a process
   * agent refuses a {@code mephisto.reply-to} header naming a topic it may not reply to.
   *
   * @param d a decoded record
   * @return why the record must go to the dead-letter topic instead of the agent, or null (the
   *     common case: no allocation)
   */
  RuntimeException refuses(Delivery d);

  /**
   * An output of these records (sink, echo, through, groupBy, reply, a send in the loop) could not
   * be encoded or stored: the agent's error policy decides. Called on a thread of its own.
   *
   * @param inputs the records the output came from, still unacknowledged
   * @param error what went wrong
   * @return true once they may be released (dead-lettered or skipped); false to keep them
   *     uncommitted (the worker stops)
   */
  boolean outputFailed(java.util.List<Delivery> inputs, Throwable error);

  /** @return true once the instance was asked to stop (a waiting retry gives up) */
  boolean ending();

  /**
   * Something this instance cannot go on without failed (an {@link Error} a payload cannot
   * cause): the worker stops, exiting non-zero.
   *
   * @param what what failed
   * @param error why
   */
  void fatal(String what, Throwable error);

  /**
   * Starts (once per name) forwarding {@code upstream} to the repartition topic, keyed by {@code
   * keyFn}, and returns a stream over this instance's share of that topic, whose keys are decoded
   * into {@code keyType} and values into {@code upstream}'s known value type.
   *
   * @param upstream the stream before groupBy; its value type is known
   * @param keyFn the new key
   * @param keyType the new key's class
   * @param name the repartition name
   * @return the stream after groupBy
   * @param <K> new key type
   * @param <V> value type
   */
  <K, V> AbstractStream<K, V> repartition(AbstractStream<?, V> upstream,
      Function<? super V, ? extends K> keyFn, Class<K> keyType, String name);

  /**
   * Starts forwarding {@code upstream} to {@code topic} and returns a stream over this instance's
   * share of it.
   *
   * @param upstream the stream before through
   * @param topic the topic
   * @return the stream read back from the topic
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> AbstractStream<K, V> through(AbstractStream<K, V> upstream, Topic<K, V> topic);

  /**
   * Sends a copy of a value to a topic, keyed with the key of the record being processed.
   *
   * @param topic the topic
   * @param value the value
   * @param source the stream's source, which knows the record being processed
   */
  void echo(Topic<?, ?> topic, Object value, SourceStream<?, ?> source);

  /**
   * @param name an operator's name
   * @return the operator
   */
  StreamOperator operator(String name);

  /**
   * @param topic a topic name
   * @return its partition count, or -1 when unknown here (test contexts)
   */
  default int partitionsOf(String topic) {
    return -1;
  }

  /** @return the app the agent belongs to */
  default dev.mephisto.App app() {
    throw new IllegalStateException("agent '" + agentName() + "' runs outside an app");
  }

  /**
   * @return the tables of operators and joins, if this runtime has tables
   */
  default java.util.Optional<dev.mephisto.core.internal.table.StateTables> states() {
    return java.util.Optional.empty();
  }

  /** @return the app's default partition count, for state opened where none is known */
  default int defaultPartitions() {
    return app().settings().topicPartitions();
  }

  /**
   * Starts a stream–stream join: this agent also consumes {@code other}, whose records reach
   * the join through the stream's source.
   *
   * @param upstream this side
   * @param other the other side's topic
   * @param window how far apart joined events may be
   * @param joiner makes results
   * @param name the join's name (its stores and changelogs)
   * @param type inner, left or outer
   * @return the joined stream
   * @param <K> key type
   * @param <V> this side's value type
   * @param <V2> the other side's value type
   * @param <R> result type
   */
  default <K, V, V2, R> AbstractStream<K, R> streamJoin(AbstractStream<K, V> upstream,
      dev.mephisto.Topic<K, V2> other, dev.mephisto.JoinWindow window,
      java.util.function.BiFunction<? super V, ? super V2, ? extends R> joiner, String name,
      StreamJoinType type) {
    throw new dev.mephisto.ConfigurationException("Agent '" + agentName() + "' cannot join "
        + "streams here");
  }
}
