package dev.mephisto.core;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.util.Map;

/**
 * A test codec registered in code under a name.
 *
 * @param name the codec's name
 * @param codec the codec every app gets
 */
record NamedCodecProvider(String name, Codec codec) implements CodecProvider {
  @Override
  public Codec create(Map<String, ?> config) {
    return codec;
  }
}
