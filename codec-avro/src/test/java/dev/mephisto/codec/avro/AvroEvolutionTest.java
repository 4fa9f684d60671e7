package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two versions of one record, written and read through one registry: the payload names the
 * writer's schema id, and the reader's schema comes from the target type.
 */
class AvroEvolutionTest {
  @Model(namespace = "shop.Order")
  record OrderV1(String id, int amount) {}

  @Model(namespace = "shop.Order")
  record OrderV2(String id, int amount, @AvroDefault("\"EUR\"") String currency, Optional<String> note) {}

  @Model(namespace = "shop.Order")
  record OrderWithoutAmount(String id) {}

  @Model(namespace = "shop.Order")
  record OrderPromoted(String id, double amount) {}

  @Model(namespace = "shop.Order")
  record OrderAmountAsString(String id, String amount) {}

  @Model(namespace = "shop.Order")
  record OrderNeedsQuantity(String id, int amount, int quantity) {}

  @Model(namespace = "shop.Blob")
  record TextBlob(String content) {}

  @Model(namespace = "shop.Blob")
  record BytesBlob(byte[] content) {}

  @Model(namespace = "shop.Tick")
  record MicrosTick(@AvroTimestamp(AvroTimestamp.Precision.MICROS) Instant at) {}

  @Model(namespace = "shop.Tick")
  record MillisTick(Instant at) {}

  @Model(namespace = "shop.Price")
  record NarrowPrice(@AvroDecimal(precision = 6, scale = 2) BigDecimal value) {}

  @Model(namespace = "shop.Price")
  record WidePrice(BigDecimal value) {}

  private Codec codec;

  @BeforeEach
  void freshRegistry() {
    String scope = MockRegistries.freshScope();
    MockSchemaRegistry.setCompatibility(scope, "NONE"); // this test is about reading, not registering
    codec = MockRegistries.codec(scope);
  }

  @Test
  void v2ReaderFillsAddedFieldsFromDefaultsWhenReadingV1() {
    byte[] v1 = codec.encode(new OrderV1("o-1", 5));
    assertEquals(new OrderV2("o-1", 5, "EUR", Optional.empty()), codec.decode(v1, OrderV2.class));
  }

  @Test
  void v1ReaderIgnoresFieldsAddedInV2() {
    byte[] v2 = codec.encode(new OrderV2("o-2", 7, "USD", Optional.of("gift")));
    assertEquals(new OrderV1("o-2", 7), codec.decode(v2, OrderV1.class));
  }

  @Test
  void readerWithoutAFieldSkipsIt() {
    byte[] v1 = codec.encode(new OrderV1("o-3", 9));
    assertEquals(new OrderWithoutAmount("o-3"), codec.decode(v1, OrderWithoutAmount.class));
  }

  @Test
  void promotesIntToDouble() {
    byte[] v1 = codec.encode(new OrderV1("o-4", 11));
    assertEquals(new OrderPromoted("o-4", 11.0), codec.decode(v1, OrderPromoted.class));
  }

  @Test
  void readsStringAsBytesAndBack() {
    byte[] text = codec.encode(new TextBlob("héllo"));
    assertEquals("héllo", new String(codec.decode(text, BytesBlob.class).content(), StandardCharsets.UTF_8));
    byte[] bytes = codec.encode(new BytesBlob("wörld".getBytes(StandardCharsets.UTF_8)));
    assertEquals(new TextBlob("wörld"), codec.decode(bytes, TextBlob.class));
  }

  @Test
  void incompatibleTypeNamesFieldAndBothTypes() {
    byte[] v1 = codec.encode(new OrderV1("o-5", 1));
    CodecException e = assertThrows(CodecException.class,
        () -> codec.decode(v1, OrderAmountAsString.class));
    assertTrue(e.getMessage().contains("field 'amount' expected string but the writer wrote int"),
        e.getMessage());
    assertTrue(e.getMessage().contains("schema (id 1"), e.getMessage());
    assertTrue(e.getMessage().contains(OrderAmountAsString.class.getName()), e.getMessage());
  }

  @Test
  void addedFieldWithoutDefaultIsIncompatible() {
    byte[] v1 = codec.encode(new OrderV1("o-6", 1));
    CodecException e = assertThrows(CodecException.class,
        () -> codec.decode(v1, OrderNeedsQuantity.class));
    assertTrue(e.getMessage().contains("field 'quantity' of the reader has no default"), e.getMessage());
    assertTrue(e.getMessage().contains("@AvroDefault"), e.getMessage());
  }

  @Test
  void incompatibleDecodeFailsTheSameWayEveryTime() {
    byte[] v1 = codec.encode(new OrderV1("o-7", 1));
    CodecException first = assertThrows(CodecException.class, () -> codec.decode(v1, OrderAmountAsString.class));
    CodecException second = assertThrows(CodecException.class, () -> codec.decode(v1, OrderAmountAsString.class));
    assertEquals(first.getMessage(), second.getMessage());
  }

  @Test
  void readsWriterTimestampPrecisionNotTheReaders() {
    Instant at = Instant.parse("2024-03-04T05:06:07.123456Z");
    byte[] micros = codec.encode(new MicrosTick(at));
    assertEquals(new MillisTick(at), codec.decode(micros, MillisTick.class));
  }

  @Test
  void readsWriterDecimalScaleNotTheReaders() {
    byte[] narrow = codec.encode(new NarrowPrice(new BigDecimal("1234.56")));
    assertEquals(0, new BigDecimal("1234.56").compareTo(codec.decode(narrow, WidePrice.class).value()));
  }

  @Test
  void readsRecordsWrittenByConfluentJavaClientsWithJavaStringProperties() {
    org.apache.avro.Schema confluent = new org.apache.avro.Schema.Parser().parse("""
        {"type":"record","name":"Order","namespace":"shop","fields":[
          {"name":"id","type":{"type":"string","avro.java.string":"String"}},
          {"name":"amount","type":"int"}]}""");
    org.apache.avro.generic.GenericRecord g = new org.apache.avro.generic.GenericData.Record(confluent);
    g.put("id", "o-8");
    g.put("amount", 12);
    assertEquals(new OrderV1("o-8", 12), codec.decode(codec.encode(g), OrderV1.class));
  }
}
