package dev.mephisto.core.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.TopicPattern;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An immutable topic pattern; the agent that reads it keeps the description it was given.
 *
 * @param pattern the expression
 * @param keyType key type
 * @param valueType value type
 * @param keyCodec key codec chain, if set
 * @param valueCodec value codec chain, if set
 * @param refreshInterval how often matching topics are looked for
 * @param <K> key type
 * @param <V> value type
 */
public record TopicPatternImpl<K, V>(Pattern pattern, Class<K> keyType, Class<V> valueType,
    Optional<String> keyCodec, Optional<String> valueCodec, Duration refreshInterval)
    implements TopicPattern<K, V> {
  /** How often the worker looks for new matching topics unless told otherwise. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

  /** Checks every part. */
  public TopicPatternImpl {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(keyCodec, "keyCodec");
    Objects.requireNonNull(valueCodec, "valueCodec");
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new ConfigurationException("Topic pattern '" + pattern + "' refresh interval was '"
          + refreshInterval + "' but it should be positive");
    }
  }

  /**
   * @param topic a topic name
   * @return true if the whole name matches
   */
  public boolean matches(String topic) {
    return pattern.matcher(topic).matches();
  }

  @Override
  public TopicPattern<K, V> withKeyCodec(String spec) {
    return new TopicPatternImpl<>(pattern, keyType, valueType,
        Optional.of(Objects.requireNonNull(spec, "spec")), valueCodec, refreshInterval);
  }

  @Override
  public TopicPattern<K, V> withValueCodec(String spec) {
    return new TopicPatternImpl<>(pattern, keyType, valueType, keyCodec,
        Optional.of(Objects.requireNonNull(spec, "spec")), refreshInterval);
  }

  @Override
  public TopicPattern<K, V> withRefreshInterval(Duration interval) {
    return new TopicPatternImpl<>(pattern, keyType, valueType, keyCodec, valueCodec, interval);
  }

  @Override
  public String toString() {
    return "TopicPattern[" + pattern + "]";
  }
}
