package dev.mephisto.codec.json.internal;

import dev.mephisto.codec.CodecSettings;
import java.util.Map;

/**
 * What one message may cost the {@code json} codec, from the codec settings. Every limit is
 * checked while reading, before the value is handed to the app; a message over a limit fails with
 * a {@link dev.mephisto.CodecException} naming the setting.
 *
 * @param maxDepth nesting of arrays and objects ({@code json.max.depth})
 * @param maxNumberLength characters of one number, and of a decimal written as text ({@code
 *     json.max.number.length})
 * @param maxStringLength characters of one string ({@code json.max.string.length})
 * @param maxCollectionSize elements of one array, list, set or map ({@code
 *     json.max.collection.size})
 */
public record JsonLimits(
    int maxDepth, int maxNumberLength, int maxStringLength, int maxCollectionSize) {
  /** Setting of {@link #maxDepth()}. */
  public static final String MAX_DEPTH = "json.max.depth";
  /** Setting of {@link #maxNumberLength()}. */
  public static final String MAX_NUMBER_LENGTH = "json.max.number.length";
  /** Setting of {@link #maxStringLength()}. */
  public static final String MAX_STRING_LENGTH = "json.max.string.length";
  /** Setting of {@link #maxCollectionSize()}. */
  public static final String MAX_COLLECTION_SIZE = "json.max.collection.size";

  /** Jackson's own defaults for depth, numbers and strings; a million elements per collection. */
  public static final JsonLimits DEFAULTS = new JsonLimits(500, 1000, 20_000_000, 1_000_000);

  /**
   * @param config the codec configuration
   * @return the limits, defaults for settings not given
   * @throws dev.mephisto.ConfigurationException for a value that is not a whole number above 0
   */
  public static JsonLimits parse(Map<String, ?> config) {
    return new JsonLimits(
        CodecSettings.positiveInt(config, MAX_DEPTH, DEFAULTS.maxDepth),
        CodecSettings.positiveInt(config, MAX_NUMBER_LENGTH, DEFAULTS.maxNumberLength),
        CodecSettings.positiveInt(config, MAX_STRING_LENGTH, DEFAULTS.maxStringLength),
        CodecSettings.positiveInt(config, MAX_COLLECTION_SIZE, DEFAULTS.maxCollectionSize));
  }
}
