package dev.mephisto.codec.json;

import java.util.Base64;
import java.util.List;

/** Fuzzes the chain {@code json|binary}: JSON, then base64, as Faust writes it. */
class JsonBinaryFuzzTest extends JsonFuzzTest {
  @Override
  protected String codecSpec() {
    return "json|binary";
  }

  @Override
  protected List<Hostile> hostilePayloads() {
    // the same hostile JSON, base64-encoded so that it reaches the json codec
    return super.hostilePayloads().stream()
        .map(h -> new Hostile(h.name() + " (base64)",
            r -> Base64.getEncoder().encode(h.make().apply(r))))
        .toList();
  }
}
