package dev.mephisto.codec;

import dev.mephisto.ConfigurationException;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a codec's limits from the configuration handed to {@link CodecProvider#create(Map)}, with
 * the error message every setting gives: the name, the value in quotes, what was expected. Codec
 * settings reach the map from {@code App.builder(id).codecConfig(name, value)}, from {@code
 * codec.<name>} in a settings file, or from {@code MEPHISTO_CODEC_<NAME>} in the environment
 * (underscores become dots), so names use dots only: {@code gzip.max.decoded.bytes}.
 *
 * <pre>{@code
 * public Codec create(Map<String, ?> config) {
 *   return new GzipCodec(CodecSettings.positiveInt(config, "gzip.max.decoded.bytes", 16 << 20));
 * }
 * }</pre>
 */
public final class CodecSettings {
  private CodecSettings() {}

  /**
   * @param config the codec configuration
   * @param name the setting, e.g. {@code json.max.depth}
   * @param defaultValue the value when the setting is absent
   * @return the setting as a whole number greater than 0
   * @throws ConfigurationException when it is not a whole number, is 0 or less, or exceeds {@code
   *     Integer.MAX_VALUE}
   */
  public static int positiveInt(Map<String, ?> config, String name, int defaultValue) {
    long n = positiveLong(config, name, defaultValue);
    if (n > Integer.MAX_VALUE) {
      throw new ConfigurationException("Codec setting '" + name + "' is '" + n + "' but it should"
          + " be at most " + Integer.MAX_VALUE);
    }
    return (int) n;
  }

  /**
   * @param config the codec configuration
   * @param name the setting, e.g. {@code avro.max.collection.size}
   * @param defaultValue the value when the setting is absent
   * @return the setting as a whole number greater than 0
   * @throws ConfigurationException when it is not a whole number or is 0 or less
   */
  public static long positiveLong(Map<String, ?> config, String name, long defaultValue) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(name, "name");
    Object v = config.get(name);
    if (v == null) {
      return defaultValue;
    }
    long n;
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      n = ((Number) v).longValue();
    } else {
      String s = v.toString().trim().replace("_", "");
      try {
        n = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new ConfigurationException("Codec setting '" + name + "' is '" + v + "' but it"
            + " should be a whole number greater than 0 (default " + defaultValue + ")", e);
      }
    }
    if (n <= 0) {
      throw new ConfigurationException("Codec setting '" + name + "' is '" + v + "' but it should"
          + " be a whole number greater than 0 (default " + defaultValue + ")");
    }
    return n;
  }
}
