package dev.mephisto.examples.customcodec;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.CodecSettings;
import java.util.Map;

/**
 * Makes codec {@code gzip} known by name. Listed in {@code
 * META-INF/services/dev.mephisto.codec.CodecProvider}, so {@code Codecs.get("json|gzip")} finds
 * it on the class path. Its one setting, {@code gzip.max.decoded.bytes} (default 16 MiB), caps
 * what one message may decompress to; set it with {@code
 * App.builder(id).codecConfig("gzip.max.decoded.bytes", "33554432")}.
 */
public final class GzipCodecProvider implements CodecProvider {
  /** Setting: the most bytes one message may decompress to. */
  public static final String MAX_DECODED_BYTES = "gzip.max.decoded.bytes";
  /** Default of {@link #MAX_DECODED_BYTES}: 16 MiB. */
  public static final int DEFAULT_MAX_DECODED_BYTES = 16 << 20;

  @Override
  public String name() {
    return "gzip";
  }

  @Override
  public Codec create(Map<String, ?> config) {
    return new GzipCodec(CodecSettings.positiveInt(config, MAX_DECODED_BYTES,
        DEFAULT_MAX_DECODED_BYTES)); // stateless but for its limit: one per chain is plenty
  }
}
