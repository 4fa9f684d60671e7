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
 * transport. They are cheap to construct; per-stream state lives in what {@link #apply} returns.
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
   * @param upstream the stream to transform
   * @param config the operator's settings
   * @return the transformed stream, of the same key and value types
   * @param <K> key type
   * @param <V> value type
   * @throws dev.mephisto.ConfigurationException for invalid settings, naming them
   */
  <K, V> Stream<K, V> apply(Stream<K, V> upstream, Map<String, ?> config);
}
