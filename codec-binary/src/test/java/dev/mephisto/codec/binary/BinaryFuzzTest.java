package dev.mephisto.codec.binary;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fuzzes {@code binary} (base64): anything that is not base64 fails with CodecException. */
class BinaryFuzzTest extends CodecFuzzKit {
  @Override
  protected String codecSpec() {
    return "binary";
  }

  @Override
  protected List<Hostile> hostilePayloads() {
    return List.of(
        new Hostile("base64 with stray bytes", r -> {
          String valid = java.util.Base64.getEncoder().encodeToString(r.bytes(40));
          int at = r.nextInt(valid.length() + 1);
          return (valid.substring(0, at) + r.pick(List.of("*", "=", "\n", " ", "é", "-", "_"))
              + valid.substring(at)).getBytes(StandardCharsets.UTF_8);
        }),
        new Hostile("padding games", r -> r.pick(List.of("=", "==", "A=", "AA=A", "AAA==",
            "====", "A", "AB", "ABC")).getBytes(StandardCharsets.US_ASCII)),
        new Hostile("long base64", r -> java.util.Base64.getEncoder().encode(
            new byte[r.nextInt(100_000, 400_000)])));
  }
}
