package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroRoundTripTest {
  @Retention(RetentionPolicy.RUNTIME)
  @interface Nullable {}

  enum Status { NEW, PAID, SHIPPED }

  record Address(String street, Optional<String> zip) {}

  record Line(String sku, int quantity, @AvroDecimal(precision = 10, scale = 2) BigDecimal price) {}

  record Order(
      UUID id, String account, Status status, Address address, List<Line> lines,
      Map<String, String> labels, Set<String> tags, Optional<Instant> shippedAt,
      @Nullable String comment, Instant createdAt,
      @AvroTimestamp(AvroTimestamp.Precision.MICROS) Instant micros,
      @AvroTimestamp(AvroTimestamp.Precision.NANOS) Instant nanos,
      LocalDate day, BigDecimal total, boolean gift, long sequence, float ratio, double score,
      short small, byte tiny, byte[] signature, List<Optional<Integer>> sparse,
      Map<String, List<Address>> addressBook) {}

  record Tree(String label, List<Tree> children) {}

  private static Order sample() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("channel", "web");
    labels.put("campaign", "spring");
    return new Order(
        UUID.fromString("5f0c6a1e-7d3b-4c1a-9f2e-0b8d6e4a2c11"), "acct-7", Status.PAID,
        new Address("Main St 1", Optional.of("1010")),
        List.of(new Line("sku-1", 2, new BigDecimal("19.99")), new Line("sku-2", 1, new BigDecimal("5.00"))),
        labels, Set.of("a"), Optional.empty(), null,
        Instant.parse("2024-05-06T07:08:09.123Z"),
        Instant.parse("2024-05-06T07:08:09.123456Z"),
        Instant.parse("1969-12-31T23:59:59.999999999Z"),
        LocalDate.of(2024, 2, 29), new BigDecimal("1234.567800000000000000"), true,
        Long.MIN_VALUE, 0.25f, -1e300, (short) -3, (byte) 7, new byte[] {1, 2, 3},
        List.of(Optional.of(1), Optional.empty()),
        Map.of("home", List.of(new Address("Elm 2", Optional.empty()))));
  }

  @Test
  void roundTripsRecordWithEverySupportedType() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    Order order = sample();
    Order back = codec.decode(codec.encode(order), Order.class);
    assertArrayEquals(order.signature(), back.signature());
    assertEquals(order, new Order(back.id(), back.account(), back.status(), back.address(),
        back.lines(), back.labels(), back.tags(), back.shippedAt(), back.comment(),
        back.createdAt(), back.micros(), back.nanos(), back.day(), back.total(), back.gift(),
        back.sequence(), back.ratio(), back.score(), back.small(), back.tiny(), order.signature(),
        back.sparse(), back.addressBook()));
  }

  @Test
  void millisTimestampDropsSubMillisecondDigits() {
    record At(Instant at) {}
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    At back = codec.decode(codec.encode(new At(Instant.parse("2024-01-01T00:00:00.123456789Z"))), At.class);
    assertEquals(Instant.parse("2024-01-01T00:00:00.123Z"), back.at());
  }

  @Test
  void roundTripsRecursiveRecords() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    Tree t = new Tree("root", List.of(new Tree("a", List.of()), new Tree("b", List.of(new Tree("c", List.of())))));
    assertEquals(t, codec.decode(codec.encode(t), Tree.class));
  }

  @Test
  void roundTripsPlainValues() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    assertEquals("hello", codec.decode(codec.encode("hello"), String.class));
    assertEquals(42, codec.decode(codec.encode(42), Integer.class));
    assertEquals(42L, codec.decode(codec.encode(42L), long.class));
    assertEquals(Status.SHIPPED, codec.decode(codec.encode(Status.SHIPPED), Status.class));
    assertArrayEquals(new byte[] {9, 8}, codec.decode(codec.encode(new byte[] {9, 8}), byte[].class));
    assertEquals(ByteBuffer.wrap(new byte[] {5}), codec.decode(codec.encode(ByteBuffer.wrap(new byte[] {5})), ByteBuffer.class));
    assertEquals("hello", codec.decode(codec.encode("hello"), Object.class));
  }

  @Test
  void decodesRecordIntoGenericRecordAndObject() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    byte[] wire = codec.encode(new Address("Main", Optional.of("1")));
    GenericRecord g = codec.decode(wire, GenericRecord.class);
    assertEquals("Main", g.get("street").toString());
    assertEquals("1", g.get("zip").toString());
    assertEquals(g, codec.decode(wire, Object.class));
  }

  @Test
  void roundTripsSpecificRecord() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    Payment p = new Payment();
    p.put(0, "p-1");
    p.put(1, 1250L);
    Payment back = codec.decode(codec.encode(p), Payment.class);
    assertEquals("p-1", back.get(0).toString());
    assertEquals(1250L, back.get(1));
    // and a Java record of the same shape and name reads the same bytes
    assertEquals(new PaymentRecord("p-1", 1250L), codec.decode(codec.encode(p), PaymentRecord.class));
  }

  @dev.mephisto.Model(namespace = "test.avro.Payment")
  record PaymentRecord(String id, long cents) {}

  @Test
  void genericRecordRoundTrips() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    GenericRecord g = new GenericData.Record(Payment.SCHEMA$);
    g.put("id", "g-1");
    g.put("cents", 3L);
    GenericRecord back = codec.decode(codec.encode(g), GenericRecord.class);
    assertEquals("g-1", back.get("id").toString());
    assertEquals(3L, back.get("cents"));
    assertEquals(Schema.Type.RECORD, back.getSchema().getType());
  }

  @Test
  void nullInNonNullableComponentNamesTheField() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    CodecException e = assertThrows(CodecException.class,
        () -> codec.encode(new Address(null, Optional.empty())));
    assertTrue(e.getMessage().contains("field 'street' is null"), e.getMessage());
    assertTrue(e.getMessage().contains("Optional<...> or @Nullable"), e.getMessage());
    assertTrue(e.getMessage().contains(Address.class.getName()), e.getMessage());
  }

  @Test
  void decimalWithTooManyFractionDigitsFailsInsteadOfRounding() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    CodecException e = assertThrows(CodecException.class,
        () -> codec.encode(new Line("sku", 1, new BigDecimal("1.234"))));
    assertTrue(e.getMessage().contains("field 'price' is 1.234 with 3 fraction digits"), e.getMessage());
    assertTrue(e.getMessage().contains("decimal(10,2)"), e.getMessage());
  }

  @Test
  void nestedFieldErrorsCarryTheFullPath() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    record Outer(Line line) {}
    CodecException e = assertThrows(CodecException.class,
        () -> codec.encode(new Outer(new Line(null, 1, BigDecimal.ONE))));
    assertTrue(e.getMessage().contains("field 'line.sku' is null"), e.getMessage());
  }

  @Test
  void failedEncodeLeavesNoBytesBehindForTheNextValue() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    Line good = new Line("sku", 1, BigDecimal.ONE);
    byte[] expected = codec.encode(good);
    for (int i = 0; i < 20; i++) {
      assertThrows(CodecException.class, () -> codec.encode(new Line("sku", 1, new BigDecimal("0.001"))));
      assertArrayEquals(expected, codec.encode(good));
    }
  }

  @Test
  void isSafeOnManyVirtualThreadsIncludingSchemaResolution() throws Exception {
    String scope = MockRegistries.freshScope();
    MockSchemaRegistry.setCompatibility(scope, "NONE");
    Codec codec = MockRegistries.codec(scope);
    byte[] oldLine = codec.encode(new OldLine("sku-old", 4)); // read through a resolving decoder
    java.util.List<java.util.concurrent.Future<?>> results = new java.util.ArrayList<>();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 64; t++) {
        int n = t;
        results.add(executor.submit(() -> {
          for (int i = 0; i < 200; i++) {
            Line line = new Line("sku-" + n + "-" + i, i, new BigDecimal(i + ".25"));
            assertEquals(line, codec.decode(codec.encode(line), Line.class));
            assertEquals(new NewLine("sku-old", 4, Optional.empty()), codec.decode(oldLine, NewLine.class));
          }
          return null;
        }));
      }
      for (var f : results) {
        f.get();
      }
    }
  }

  @dev.mephisto.Model(namespace = "test.Line")
  record OldLine(String sku, int quantity) {}

  @dev.mephisto.Model(namespace = "test.Line")
  record NewLine(String sku, int quantity, Optional<String> note) {}
}
