package dev.mephisto.codec.binary;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.util.List;

/** Fuzzes {@code string}: well-formed UTF-8 decodes, anything else fails with CodecException. */
class StringFuzzTest extends CodecFuzzKit {
  @Override
  protected String codecSpec() {
    return "string";
  }

  @Override
  protected Object validValue(FuzzRandom r) {
    return r.text(r.chance(0.05) ? 5_000 : 60);
  }

  @Override
  protected List<Class<?>> targetTypes() {
    return List.of(String.class, CharSequence.class);
  }
}
