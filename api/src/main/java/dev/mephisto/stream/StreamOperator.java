package dev.mephisto.stream;

import dev.mephisto.Stream;
import java.util.Map;

/**
 * A reusable stream transformation found by name, applied with {@code stream.apply("dedupe",
 * Map.of("within", "PT1M"))}. Found through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.mephisto.stream.StreamOperator}) or registered with {@code
 * App.builder(id).operator(op)}.
 *
 * <p>Operators are built from the public {@link Stream} operations, so they run the same on every
 * transport. They are cheap to construct; per-stream state lives in what {@code apply} returns,
 * and durable state (which survives restarts and rebalances) in {@link OperatorContext#state}.
 * An operator implements one of the two {@code apply} methods: the one with an {@link
 * OperatorContext} when it needs to know where it runs or keep state.
 */
public interface StreamOperator {
  /** @return the operator's name, lower-case, e.g. {@code "dedupe"} */
  String name();

  /**
   * Decides between two operators of one name: the higher wins; a tie fails.
   *
   * @return the priority, 0 by default
   */
  default int priority() {
    return 0;
  }

  /**
   * Transforms a stream; operators that need no context implement this one.
   *
   * @param upstream the stream to transform
   * @param config the operator's settings
   * @return the transformed stream, of the same key and value types
   * @param <K> key type
   * @param <V> value type
   * @throws dev.mephisto.ConfigurationException for invalid settings, naming them; by default,
   *     because an operator implements one of the two {@code apply} methods
   */
  default <K, V> Stream<K, V> apply(Stream<K, V> upstream, Map<String, ?> config) {
    throw new dev.mephisto.ConfigurationException("Operator '" + name() + "' implements neither "
        + "apply(stream, config) nor apply(stream, config, context); implement one of them");
  }

  /**
   * Transforms a stream with its context: the app, agent, the event being processed, and durable
   * state ({@link OperatorContext#state}) that survives restarts and rebalances. This is what a
   * stream calls; by default it calls {@link #apply(Stream, Map)}.
   *
   * @param upstream the stream to transform
   * @param config the operator's settings
   * @param context where the operator runs
   * @return the transformed stream, of the same key and value types
   * @param <K> key type
   * @param <V> value type
   * @throws dev.mephisto.ConfigurationException for invalid settings, naming them
   */
  @dev.mephisto.Experimental("new in this release")
  default <K, V> Stream<K, V> apply(Stream<K, V> upstream, Map<String, ?> config,
      OperatorContext context) {
    return apply(upstream, config);
  }
}
