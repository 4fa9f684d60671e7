package dev.mephisto.codec.json;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.util.Base64;
import java.util.List;

/** Fuzzes the chain {@code json|binary}: JSON, then base64, as Faust writes it. */
class JsonBinaryFuzzTest extends CodecFuzzKit {
  @Override
  protected String codecSpec() {
    return "json|binary";
  }

  @Override
  protected Object validValue(FuzzRandom r) {
    return JsonFuzzModels.value(r);
  }

  @Override
  protected Class<?> decodeType(Object value) {
    return JsonFuzzModels.decodeType(value);
  }

  @Override
  protected List<Class<?>> targetTypes() {
    return JsonFuzzModels.TARGETS;
  }

  @Override
  protected List<Hostile> hostilePayloads() {
    // the same hostile JSON, base64-encoded so that it reaches the json codec
    return JsonFuzzModels.hostile().stream()
        .map(h -> new Hostile(h.name() + " (base64)",
            r -> Base64.getEncoder().encode(h.make().apply(r))))
        .toList();
  }
}
