package dev.mephisto.bench;

import dev.mephisto.bench.raw.RawImplementation;
import dev.mephisto.bench.streams.StreamsImplementation;
import java.util.List;

/** Every implementation the bench knows, in the order they run and are shown. */
public final class Implementations {
  private Implementations() {}

  /** @return raw first (the ratios' base), then Kafka Streams; Mephisto joins here */
  public static List<Implementation> all() {
    return List.of(new RawImplementation(), new StreamsImplementation());
  }

  /** @return their names */
  public static List<String> names() {
    return all().stream().map(Implementation::name).toList();
  }
}
