package dev.mephisto.codec.avro.internal;

import dev.mephisto.codec.CodecSettings;
import java.util.Map;

/**
 * What one message may cost the {@code avro} codec. Lengths need no setting: every string, bytes
 * value, fixed and block is checked against the bytes left in the message before anything is
 * allocated.
 *
 * @param maxDepth records nested in records ({@code avro.max.depth})
 * @param maxItems items of all arrays and maps of one message together ({@code avro.max.items})
 * @param maxEmptyItems items announced beyond the bytes left in the message, which only items
 *     that take no bytes (nulls, empty records) can be ({@code avro.max.empty.items}): the cheap
 *     way to make a few bytes cost a lot of CPU
 */
public record AvroLimits(int maxDepth, long maxItems, long maxEmptyItems) {
  /** Setting of {@link #maxDepth()}. */
  public static final String MAX_DEPTH = "avro.max.depth";
  /** Setting of {@link #maxItems()}. */
  public static final String MAX_ITEMS = "avro.max.items";
  /** Setting of {@link #maxEmptyItems()}. */
  public static final String MAX_EMPTY_ITEMS = "avro.max.empty.items";
  /** 500 levels, as Jackson's JSON default; a million items, ten thousand of them empty. */
  public static final AvroLimits DEFAULTS = new AvroLimits(500, 1_000_000, 10_000);

  /**
   * @param config the codec configuration
   * @return the limits
   * @throws dev.mephisto.ConfigurationException for a value that is not a whole number above 0
   */
  public static AvroLimits parse(Map<String, ?> config) {
    return new AvroLimits(
        CodecSettings.positiveInt(config, MAX_DEPTH, DEFAULTS.maxDepth),
        CodecSettings.positiveLong(config, MAX_ITEMS, DEFAULTS.maxItems),
        CodecSettings.positiveLong(config, MAX_EMPTY_ITEMS, DEFAULTS.maxEmptyItems));
  }
}
