package dev.mephisto.codec.avro.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.Model;
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
}
