package dev.mephisto.examples.customcodec;

import dev.mephisto.testkit.codec.CodecCompatibilityKit;

/** A custom codec passes the same kit as Mephisto's own. */
class GzipCodecCompatibilityTest extends CodecCompatibilityKit {
  @Override
  protected String codecName() {
    return "gzip";
  }
}
