package dev.mephisto.examples.customcodec;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fuzzes the chain {@code json|gzip}: hostile JSON that arrives compressed. */
class JsonGzipFuzzTest extends CodecFuzzKit {
  /** One log line, as the custom-codec example ships them. */
  record Line(String level, String message) {}

  /** A batch of lines. */
  record Batch(int batch, String host, List<Line> lines) {}

  @Override
  protected Map<String, ?> codecConfig() {
    return GzipFuzzTest.CONFIG;
  }

  @Override
  protected String codecSpec() {
    return "json|gzip";
  }

  @Override
  protected Object validValue(FuzzRandom r) {
    List<Line> lines = new ArrayList<>();
    for (int i = r.nextInt(30); i > 0; i--) {
      lines.add(new Line(r.pick(List.of("INFO", "ERROR")), r.text(40)));
    }
    return new Batch(r.anyInt(), r.text(10), lines);
  }

  @Override
  protected List<Class<?>> targetTypes() {
    return List.of(Batch.class, Map.class, Object.class, String.class);
  }

  @Override
  protected List<Hostile> hostilePayloads() {
    return List.of(
        new Hostile("gzipped deep JSON", r -> GzipFuzzTest.gzip(("[".repeat(r.nextInt(400, 50_000))
            + "]").getBytes(StandardCharsets.UTF_8), 1)),
        new Hostile("gzipped huge decimal", r -> GzipFuzzTest.gzip(("{\"batch\": \""
            + "9".repeat(r.nextInt(1_000, 200_000)) + "\"}").getBytes(StandardCharsets.UTF_8), 1)),
        new Hostile("gzip bomb", r -> GzipFuzzTest.BOMB));
  }
}
