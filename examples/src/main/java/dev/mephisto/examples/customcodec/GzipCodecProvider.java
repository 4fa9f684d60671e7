package dev.mephisto.examples.customcodec;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.util.Map;

/**
 * Makes codec {@code gzip} known by name. Listed in {@code
 * META-INF/services/dev.mephisto.codec.CodecProvider}, so {@code Codecs.get("json|gzip")} finds
 * it on the class path.
 */
public final class GzipCodecProvider implements CodecProvider {
  @Override
  public String name() {
    return "gzip";
  }

  @Override
  public Codec create(Map<String, ?> config) {
    return new GzipCodec(); // stateless, so one per chain is plenty
  }
}
