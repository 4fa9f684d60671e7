package dev.mephisto.codec.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** json in chains with codec-binary, in Faust's order and in the course material's. */
class JsonChainTest {
  @Model(serializer = "binary|json", namespace = "shop.Purchase")
  record Purchase(String username, String currency, double amount) {}

  @Test
  void modelSerializerWrittenBinaryFirstRoundTripsWithFaustBytes() {
    Purchase p = new Purchase("ann", "EUR", 12.5);
    Codec model = Codecs.get(Purchase.class.getAnnotation(Model.class).serializer());
    byte[] wire = model.encode(p);
    assertArrayEquals(Codecs.get("json|binary").encode(p), wire);
    assertEquals(p, model.decode(wire, Purchase.class));
    // Faust's "json|binary": JSON, then base64 of it
    assertEquals("{\"username\": \"ann\", \"currency\": \"EUR\", \"amount\": 12.5, "
        + "\"__faust\": {\"ns\": \"shop.Purchase\"}}",
        new String(Base64.getDecoder().decode(wire), StandardCharsets.UTF_8));
  }
}
