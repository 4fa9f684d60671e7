package dev.mephisto.codec.avro;

import dev.mephisto.codec.Codec;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Codecs on a fresh {@code mock://} scope per test, so ids start at 1. */
final class MockRegistries {
  private MockRegistries() {}

  static String freshScope() {
    return "test-" + UUID.randomUUID();
  }

  static Codec codec(String scope, String... settings) {
    Map<String, String> config = new HashMap<>();
    config.put("schema.registry.url", "mock://" + scope);
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    return new AvroCodecProvider().create(config);
  }
}
