package dev.mephisto.codec.avro;

import dev.mephisto.Model;
import dev.mephisto.testkit.codec.CodecCompatibilityKit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The codec compatibility kit, for {@code avro} on an in-process {@code mock://} registry. */
class AvroCodecCompatibilityTest extends CodecCompatibilityKit {
  @Model(namespace = "kit.Purchase")
  record Purchase(String username, String currency, double amount) {}

  record Basket(String owner, List<Purchase> items, Optional<String> coupon, Map<String, Integer> counts) {}

  record Invoice(UUID id, Instant issued, LocalDate due, @AvroDecimal(precision = 12, scale = 2) BigDecimal total) {}

  enum Level { LOW, HIGH }

  private final String scope = MockRegistries.freshScope();

  @Override
  protected String codecName() {
    return "avro";
  }

  @Override
  protected Map<String, ?> codecConfig() {
    // The kit sends every sample type to one topic: one subject per record type, as Confluent
    // advises for such topics (TopicName would make the registry refuse the second type).
    return Map.of("schema.registry.url", "mock://" + scope,
        "value.subject.name.strategy", "TopicRecordName");
  }

  @Override
  protected List<Object> sampleValues() {
    GenericRecord generic = new GenericData.Record(Payment.SCHEMA$);
    generic.put("id", "g-1");
    generic.put("cents", 250L);
    return List.of(
        new Purchase("youngcarol", "QAR", 1185.98),
        new Basket("ann", List.of(new Purchase("ann", "EUR", 1.5)), Optional.of("SPRING"), Map.of("x", 1)),
        new Basket("bob", List.of(), Optional.empty(), Map.of()),
        new Invoice(UUID.fromString("00000000-0000-0000-0000-00000000002a"),
            Instant.parse("2024-01-02T03:04:05.678Z"), LocalDate.of(2024, 2, 1), new BigDecimal("99.95")),
        Level.HIGH,
        generic,
        "just text",
        42L);
  }

  @Override
  protected Class<?> decodeType(Object sample) {
    return sample instanceof GenericRecord ? GenericRecord.class : sample.getClass();
  }
}
