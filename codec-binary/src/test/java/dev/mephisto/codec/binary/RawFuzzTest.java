package dev.mephisto.codec.binary;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.nio.ByteBuffer;
import java.util.List;

/** Fuzzes {@code raw}: bytes pass through; text must be well-formed UTF-8. */
class RawFuzzTest extends CodecFuzzKit {
  @Override
  protected String codecSpec() {
    return "raw";
  }

  @Override
  protected Object validValue(FuzzRandom r) {
    return r.nextBoolean() ? r.text(60) : super.validValue(r);
  }

  @Override
  protected List<Class<?>> targetTypes() {
    return List.of(byte[].class, String.class, ByteBuffer.class);
  }
}
