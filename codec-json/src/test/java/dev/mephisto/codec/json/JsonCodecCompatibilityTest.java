package dev.mephisto.codec.json;

import dev.mephisto.Model;
import dev.mephisto.testkit.codec.CodecCompatibilityKit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The codec compatibility kit, for {@code json}. */
class JsonCodecCompatibilityTest extends CodecCompatibilityKit {
  @Model(namespace = "kit.Purchase")
  record Purchase(String username, String currency, double amount) {}

  record Basket(String owner, List<Purchase> items, Optional<String> coupon) {}

  sealed interface Event permits Opened, Closed {}

  record Opened(String by) implements Event {}

  record Closed(String by, long at) implements Event {}

  @Override
  protected String codecName() {
    return "json";
  }

  @Override
  protected List<Object> sampleValues() {
    return List.of(
        new Purchase("youngcarol", "QAR", 1185.98),
        new Basket("ann", List.of(new Purchase("ann", "EUR", 1.5)), Optional.of("SPRING")),
        new Basket("bob", List.of(), Optional.empty()),
        new Closed("ops", 1_700_000_000_000L),
        Map.of("plain", List.of(1, "two", Map.of("three", 3.5))),
        "just text");
  }

  @Override
  protected Class<?> decodeType(Object sample) {
    if (sample instanceof Event) {
      return Event.class;
    }
    return sample instanceof Map ? Map.class : sample.getClass();
  }
}
