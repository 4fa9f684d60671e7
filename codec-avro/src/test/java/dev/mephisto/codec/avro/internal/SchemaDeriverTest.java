package dev.mephisto.codec.avro.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.FieldDefault;
import dev.mephisto.FieldName;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import dev.mephisto.codec.avro.AvroDecimal;
import dev.mephisto.codec.avro.AvroDefault;
import dev.mephisto.codec.avro.AvroTimestamp;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaDeriverTest {
  @Retention(RetentionPolicy.RUNTIME)
  @interface Nullable {}

  enum Color { RED, GREEN }

  record Inner(String city) {}

  record Everything(
      boolean flag, int i, short s, byte b, long l, float f, double d, String text,
      byte[] raw, ByteBuffer buffer, Color color, Inner inner, List<String> tags, Set<Integer> ids,
      Map<String, Long> counts, Optional<String> note, @Nullable String maybe,
      Instant at, @AvroTimestamp(AvroTimestamp.Precision.MICROS) Instant atMicros,
      LocalDate day, BigDecimal amount, @AvroDecimal(precision = 12, scale = 2) BigDecimal price,
      UUID id, @AvroDefault("7") int seven, @AvroDefault("\"x\"") Optional<String> namedNote) {}

  @Model(namespace = "com.example.events.Renamed")
  record Named(int a) {}

  record Node(String name, List<Node> children) {}

  record TwoInners(Inner home, Inner work) {}

  private final SchemaDeriver deriver = new SchemaDeriver();

  @Test
  void derivesEverySupportedTypeWithLogicalTypesAndDefaults() {
    Schema expected = new Schema.Parser().parse("""
        {"type":"record","name":"Everything","namespace":"dev.mephisto.codec.avro.internal","fields":[
          {"name":"flag","type":"boolean"},
          {"name":"i","type":"int"}, {"name":"s","type":"int"}, {"name":"b","type":"int"},
          {"name":"l","type":"long"}, {"name":"f","type":"float"}, {"name":"d","type":"double"},
          {"name":"text","type":"string"},
          {"name":"raw","type":"bytes"}, {"name":"buffer","type":"bytes"},
          {"name":"color","type":{"type":"enum","name":"Color","namespace":"dev.mephisto.codec.avro.internal","symbols":["RED","GREEN"]}},
          {"name":"inner","type":{"type":"record","name":"Inner","namespace":"dev.mephisto.codec.avro.internal","fields":[{"name":"city","type":"string"}]}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"ids","type":{"type":"array","items":"int"}},
          {"name":"counts","type":{"type":"map","values":"long"}},
          {"name":"note","type":["null","string"],"default":null},
          {"name":"maybe","type":["null","string"],"default":null},
          {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"atMicros","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":38,"scale":18}},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
          {"name":"id","type":{"type":"string","logicalType":"uuid"}},
          {"name":"seven","type":"int","default":7},
          {"name":"namedNote","type":["string","null"],"default":"x"}]}""");
    Schema actual = deriver.schemaOf(Everything.class);
    assertEquals("dev.mephisto.codec.avro.internal", actual.getNamespace());
    assertEquals("Everything", actual.getName());
    assertEquals(expected.getFields(), actual.getFields());
  }

  @Test
  void takesRecordNameFromModelNamespace() {
    Schema s = deriver.schemaOf(Named.class);
    assertEquals("com.example.events.Renamed", s.getFullName());
    assertEquals("com.example.events", s.getNamespace());
  }

  @Test
  void derivesRecursiveRecordsThroughReferences() {
    Schema s = deriver.schemaOf(Node.class);
    assertSame(s, s.getField("children").schema().getElementType());
    assertTrue(s.toString().contains("\"items\":\"Node\""), s.toString());
  }

  @Test
  void definesRepeatedRecordOnceAndRefersToItAfterwards() {
    Schema s = deriver.schemaOf(TwoInners.class);
    assertSame(s.getField("home").schema(), s.getField("work").schema());
    new Schema.Parser().parse(s.toString()); // valid Avro: the second use is a name reference
  }

  @Test
  void cachesSchemaPerClass() {
    assertSame(deriver.schemaOf(Everything.class), deriver.schemaOf(Everything.class));
  }

  @Test
  void derivesPlainValuesAsPrimitiveSchemas() {
    assertEquals(Schema.create(Schema.Type.STRING), deriver.schemaOf(String.class));
    assertEquals(Schema.create(Schema.Type.LONG), deriver.schemaOf(Long.class));
    assertEquals(Schema.create(Schema.Type.BYTES), deriver.schemaOf(byte[].class));
  }

  record WithObject(Object anything) {}

  record WithIntKeys(Map<Integer, String> byNumber) {}

  record BadDefault(@AvroDefault("\"seven\"") int n) {}

  record NullDefaultOnPlain(@AvroDefault("null") String s) {}

  @Test
  void unsupportedComponentTypeNamesComponentAndSupportedTypes() {
    CodecException e = assertThrows(CodecException.class, () -> deriver.schemaOf(WithObject.class));
    assertTrue(e.getMessage().contains("component 'anything'"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertTrue(e.getMessage().contains("supported:"), e.getMessage());
  }

  @Test
  void mapWithNonStringKeysIsRejected() {
    CodecException e = assertThrows(CodecException.class, () -> deriver.schemaOf(WithIntKeys.class));
    assertTrue(e.getMessage().contains("String keys"), e.getMessage());
  }

  @Test
  void invalidDefaultNamesComponentAndType() {
    CodecException e = assertThrows(CodecException.class, () -> deriver.schemaOf(BadDefault.class));
    assertTrue(e.getMessage().contains("component 'n'"), e.getMessage());
    assertTrue(e.getMessage().contains("@AvroDefault(\"\"seven\"\")"), e.getMessage());
  }

  @Test
  void nullDefaultNeedsOptionalOrNullable() {
    CodecException e = assertThrows(CodecException.class, () -> deriver.schemaOf(NullDefaultOnPlain.class));
    assertTrue(e.getMessage().contains("neither Optional nor @Nullable"), e.getMessage());
  }

  @Model(namespace = "orders.Order", naming = Naming.SNAKE_CASE)
  record SnakeOrder(String accountId, @FieldName("sku") String productId, long amount,
      @FieldDefault("1") int quantity, @FieldDefault("EUR") String currency,
      Optional<String> giftNote, @FieldDefault("none") Optional<String> couponCode,
      @Nullable String referrerId) {}

  @Test
  void fieldsAreNamedAsJsonNamesThemWithFieldDefaultsAsAvroDefaults() {
    Schema expected = new Schema.Parser().parse("""
        {"type":"record","name":"Order","namespace":"orders","fields":[
          {"name":"account_id","type":"string"},
          {"name":"sku","type":"string"},
          {"name":"amount","type":"long"},
          {"name":"quantity","type":"int","default":1},
          {"name":"currency","type":"string","default":"EUR"},
          {"name":"gift_note","type":["null","string"],"default":null},
          {"name":"coupon_code","type":["string","null"],"default":"none"},
          {"name":"referrer_id","type":["null","string"],"default":null}]}""");
    assertEquals(expected, deriver.schemaOf(SnakeOrder.class));
  }

  enum Tier { STANDARD, GOLD }

  record Defaults(
      @FieldDefault("true") boolean flag, @FieldDefault("-3") short s, @FieldDefault("9000000000") long l,
      @FieldDefault("0.5") float f, @FieldDefault("2.5e3") double d, @FieldDefault("GOLD") Tier tier,
      @FieldDefault("123e4567-e89b-12d3-a456-426614174000") UUID id,
      @FieldDefault("1970-01-02T00:00:00.001Z") Instant at,
      @FieldDefault("1970-01-01T00:00:01Z") @AvroTimestamp(AvroTimestamp.Precision.MICROS) Instant atMicros,
      @FieldDefault("1970-01-11") LocalDate day,
      @FieldDefault("1.5") @AvroDecimal(precision = 4, scale = 2) BigDecimal price,
      @FieldDefault("[]") List<String> tags, @FieldDefault("{}") Map<String, Long> counts) {}

  @Test
  void fieldDefaultsOfEveryKindAreWrittenAsAvrosJsonForTheirType() {
    Schema s = deriver.schemaOf(Defaults.class);
    String json = s.toString();
    for (String field : List.of(
        "\"name\":\"flag\",\"type\":\"boolean\",\"default\":true",
        "\"name\":\"s\",\"type\":\"int\",\"default\":-3",
        "\"name\":\"l\",\"type\":\"long\",\"default\":9000000000",
        "\"name\":\"f\",\"type\":\"float\",\"default\":0.5",
        "\"name\":\"d\",\"type\":\"double\",\"default\":2500.0",
        "\"symbols\":[\"STANDARD\",\"GOLD\"]},\"default\":\"GOLD\"",
        "\"logicalType\":\"uuid\"},\"default\":\"123e4567-e89b-12d3-a456-426614174000\"",
        "\"logicalType\":\"timestamp-millis\"},\"default\":86400001",
        "\"logicalType\":\"timestamp-micros\"},\"default\":1000000",
        "\"logicalType\":\"date\"},\"default\":10",
        "\"items\":\"string\"},\"default\":[]",
        "\"values\":\"long\"},\"default\":{}")) {
      assertTrue(json.contains(field), () -> field + " in " + json);
    }
    // 1.50 at scale 2: unscaled 150, big-endian two's complement 0x00 0x96
    assertArrayEquals(new byte[] {0, (byte) 0x96}, (byte[]) s.getField("price").defaultVal());
  }

  @Model(naming = Naming.KEBAB_CASE)
  record Kebab(String accountId) {}

  record Both(@FieldDefault("1") @AvroDefault("2") int n) {}

  record TooPrecise(@FieldDefault("1.234") @AvroDecimal(precision = 4, scale = 2) BigDecimal price) {}

  record TooLong(@FieldDefault("123.45") @AvroDecimal(precision = 4, scale = 2) BigDecimal price) {}

  @Test
  void namesAvroCannotHoldAndDefaultsItCannotTakeFailNamingTheComponent() {
    assertFails(Kebab.class, "component 'accountId' has the field name 'account-id', which Avro"
        + " does not allow");
    assertFails(Both.class, "component 'n' has both @AvroDefault and @FieldDefault");
    assertFails(TooPrecise.class, "component 'price' has @FieldDefault(\"1.234\"), but it has more"
        + " than the 2 fraction digits of decimal(4,2)");
    assertFails(TooLong.class, "but it has more than the 4 digits of decimal(4,2)");
  }

  private void assertFails(Class<?> type, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> deriver.schemaOf(type));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
