package dev.mephisto.codec.binary;

import dev.mephisto.testkit.codec.CodecCompatibilityKit;

/** The codec compatibility kit, for {@code binary}. */
class BinaryCodecCompatibilityTest extends CodecCompatibilityKit {
  @Override
  protected String codecName() {
    return "binary";
  }
}
