package dev.mephisto.codec.binary;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.util.List;

/** Fuzzes the chain {@code raw|binary} (Faust's base64 keys). */
class RawBinaryFuzzTest extends CodecFuzzKit {
  @Override
  protected String codecSpec() {
    return "raw|binary";
  }

  @Override
  protected Object validValue(FuzzRandom r) {
    return r.text(60);
  }

  @Override
  protected List<Class<?>> targetTypes() {
    return List.of(String.class, byte[].class);
  }
}
