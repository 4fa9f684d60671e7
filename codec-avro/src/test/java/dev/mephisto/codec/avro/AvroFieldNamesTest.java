package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.FieldDefault;
import dev.mephisto.FieldName;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The field names of {@code @Model(naming)} and {@code @FieldName}, and {@code @FieldDefault}s, in
 * the schema {@code avro} derives: the same names {@code json} writes, data keyed by those names
 * read into camelCase components, and defaults that let a new reader read old data.
 */
class AvroFieldNamesTest {
  @Model(namespace = "orders.Order", naming = Naming.SNAKE_CASE)
  record OrderV1(String accountId, String productId, long amount) {}

  @Model(namespace = "orders.Order", naming = Naming.SNAKE_CASE)
  record OrderV2(String accountId, String productId, long amount,
      @FieldDefault("1") int quantity, @FieldDefault("EUR") String currency,
      Optional<String> giftNote) {}

  private String scope;
  private Codec codec;

  @BeforeEach
  void freshRegistry() {
    scope = MockRegistries.freshScope();
    codec = MockRegistries.codec(scope);
  }

  @Test
  void roundTripsARecordWithSnakeCaseFieldNames() {
    OrderV2 o = new OrderV2("a1", "p-100", 3, 2, "USD", Optional.of("for ann"));
    assertEquals(o, codec.decode(codec.encode(o), OrderV2.class));
  }

  /**
   * What a Python Faust app using dataclasses-avroschema's {@code AvroRecord} (or any Confluent
   * producer with that schema) writes: snake_case fields, Python {@code int} as {@code long}.
   */
  @Test
  void readsDataKeyedBySnakeCaseNamesIntoCamelCaseComponents() {
    Schema pythonSchema = new Schema.Parser().parse("""
        {"type": "record", "name": "Order", "fields": [
          {"name": "account_id", "type": "string"},
          {"name": "product_id", "type": "string"},
          {"name": "amount", "type": "long"},
          {"name": "quantity", "type": "long", "default": 1},
          {"name": "gift_note", "type": ["null", "string"], "default": null}]}""");
    GenericRecord faust = new GenericData.Record(pythonSchema);
    faust.put("account_id", "a1");
    faust.put("product_id", "p-100");
    faust.put("amount", 3L);
    faust.put("quantity", 5L);
    faust.put("gift_note", "for ann");
    byte[] wire = codec.encode(faust, CodecContext.value("orders"));
    // quantity: long in the writer, but the Java record has no such component: V1 ignores it
    assertEquals(new OrderV1("a1", "p-100", 3), codec.decode(wire, OrderV1.class));
    // currency is not in the writer's schema: its @FieldDefault fills it in
    PythonOrder p = codec.decode(wire, PythonOrder.class);
    assertEquals(new PythonOrder("a1", "p-100", 3, 5, "EUR", Optional.of("for ann")), p);
  }

  @Model(namespace = "orders.Order", naming = Naming.SNAKE_CASE)
  record PythonOrder(String accountId, String productId, long amount, long quantity,
      @FieldDefault("EUR") String currency, Optional<String> giftNote) {}

  @Test
  void writesBytesIdenticalToAConfluentProducerOfTheSameSchema() {
    Codec latest = MockRegistries.codec(scope, "use.latest.version", "true",
        "auto.register.schemas", "false");
    Schema snake = new Schema.Parser().parse("""
        {"type": "record", "name": "Order", "namespace": "orders", "fields": [
          {"name": "account_id", "type": "string"},
          {"name": "product_id", "type": "string"},
          {"name": "amount", "type": "long"}]}""");
    GenericRecord g = new GenericData.Record(snake);
    g.put("account_id", "a1");
    g.put("product_id", "p-1");
    g.put("amount", 7L);
    byte[] confluent = codec.encode(g, CodecContext.value("orders"));
    byte[] mephisto = latest.encode(new OrderV1("a1", "p-1", 7), CodecContext.value("orders"));
    assertArrayEquals(confluent, mephisto, "matched to the registered schema by field name");
  }

  @Test
  void newReaderFillsAddedFieldsFromFieldDefaultsWhenReadingOldData() {
    byte[] v1 = codec.encode(new OrderV1("a1", "p-100", 3), CodecContext.value("orders"));
    assertEquals(new OrderV2("a1", "p-100", 3, 1, "EUR", Optional.empty()),
        codec.decode(v1, OrderV2.class));
  }

  @Test
  void registryAcceptsTheNewVersionAsBackwardCompatibleThanksToTheDefaults() {
    // the mock registry checks BACKWARD compatibility by default, as Confluent's
    codec.encode(new OrderV1("a1", "p-100", 3), CodecContext.value("orders"));
    byte[] v2 = codec.encode(new OrderV2("a1", "p", 3, 2, "USD", Optional.empty()),
        CodecContext.value("orders"));
    assertEquals(new OrderV1("a1", "p", 3), codec.decode(v2, OrderV1.class));
  }

  @Model(namespace = "orders.Order", naming = Naming.SNAKE_CASE)
  record OrderNeedsQuantity(String accountId, String productId, long amount, int quantity) {}

  @Test
  void newReaderWithoutADefaultCannotReadOldDataAndSaysWhichField() {
    MockSchemaRegistry.setCompatibility(scope, "NONE");
    byte[] v1 = codec.encode(new OrderV1("a1", "p-100", 3), CodecContext.value("orders"));
    CodecException e = assertThrows(CodecException.class,
        () -> codec.decode(v1, OrderNeedsQuantity.class));
    assertTrue(e.getMessage().contains("quantity"), e.getMessage());
  }

  enum Tier { STANDARD, GOLD }

  @Model(namespace = "accounts.Account")
  record AccountV1(String id) {}

  @Model(namespace = "accounts.Account", naming = Naming.SNAKE_CASE)
  record AccountV2(String id,
      @FieldDefault("true") boolean isActive,
      @FieldDefault("-3") short level,
      @FieldDefault("9000000000") long creditCents,
      @FieldDefault("0.5") float ratio,
      @FieldDefault("2.5e3") double limit,
      @FieldDefault("GOLD") Tier tier,
      @FieldDefault("123e4567-e89b-12d3-a456-426614174000") UUID externalId,
      @FieldDefault("2024-01-31T12:00:00.123Z") Instant openedAt,
      @FieldDefault("2024-01-31T12:00:00.123456Z") @AvroTimestamp(AvroTimestamp.Precision.MICROS)
      Instant checkedAt,
      @FieldDefault("2024-01-31") LocalDate birthday,
      @FieldDefault("-1.5") @AvroDecimal(precision = 6, scale = 2) BigDecimal balance,
      @FieldDefault("[]") List<String> tags,
      @FieldDefault("{}") Map<String, Long> limits,
      @FieldDefault("none") Optional<String> note,
      Optional<String> nickname) {}

  @Test
  void defaultsOfEveryKindReadBackAsTheValuesTheAnnotationsSay() {
    MockSchemaRegistry.setCompatibility(scope, "NONE");
    byte[] v1 = codec.encode(new AccountV1("acc-1"), CodecContext.value("accounts"));
    AccountV2 expected = new AccountV2("acc-1", true, (short) -3, 9_000_000_000L, 0.5f, 2500.0,
        Tier.GOLD, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        Instant.parse("2024-01-31T12:00:00.123Z"), Instant.parse("2024-01-31T12:00:00.123456Z"),
        LocalDate.of(2024, 1, 31), new BigDecimal("-1.50"), List.of(), Map.of(),
        Optional.of("none"), Optional.empty());
    assertEquals(expected, codec.decode(v1, AccountV2.class));
  }

  @Model(namespace = "shop.Payment", naming = Naming.SNAKE_CASE)
  record Payment(@FieldName("acct") String accountId, @FieldName("AmountInCents") long amountCents,
      String paymentMethod) {}

  @Test
  void fieldNameWinsOverNamingInTheSchemaToo() {
    Schema s = new Schema.Parser().parse("""
        {"type": "record", "name": "Payment", "namespace": "shop", "fields": [
          {"name": "acct", "type": "string"},
          {"name": "AmountInCents", "type": "long"},
          {"name": "payment_method", "type": "string"}]}""");
    GenericRecord g = new GenericData.Record(s);
    g.put("acct", "a1");
    g.put("AmountInCents", 1250L);
    g.put("payment_method", "card");
    byte[] generic = codec.encode(g, CodecContext.value("payments"));
    Payment p = codec.decode(generic, Payment.class);
    assertEquals(new Payment("a1", 1250, "card"), p);
    // the derived schema is that schema: same id, same bytes
    assertArrayEquals(generic, codec.encode(p, CodecContext.value("payments")));
  }

  @Model(naming = Naming.KEBAB_CASE)
  record Kebab(String accountId) {}

  @Test
  void aNamingAvroCannotHoldFailsSayingWhatToDo() {
    CodecException e = assertThrows(CodecException.class, () -> codec.encode(new Kebab("a")));
    assertTrue(e.getMessage().contains("has the field name 'account-id', which Avro does not"
        + " allow"), e.getMessage());
    assertTrue(e.getMessage().contains("give the component a @FieldName"), e.getMessage());
  }
}
