package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of Confluent's wire format, worked out by hand from the spec: magic byte 0x00, the
 * schema id as a 4-byte big-endian int, then Avro binary (zig-zag varints, length-prefixed UTF-8,
 * little-endian doubles, union branch index before the value).
 */
class AvroWireFormatTest {
  @Model(namespace = "test.User")
  record User(String name, int age) {}

  @Model(namespace = "test.Reading")
  record Reading(String sensor, Instant at, Optional<String> note, double value) {}

  // 00 | 00 00 00 01 | 06 'a' 'n' 'n' | 3c (30 zig-zag = 60)
  private static final String USER_HEX = "0000000001" + "06616e6e" + "3c";
  // 00 | id 1 | 04 't' '1' | 1000 ms zig-zag = 2000 = d0 0f | union branch 0 (null) | 1.5 LE
  private static final String READING_HEX = "0000000001" + "047431" + "d00f" + "00"
      + "000000000000f83f";

  private final HexFormat hex = HexFormat.of();

  @Test
  void encodesSimpleRecordToGoldenBytes() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    assertEquals(USER_HEX, hex.formatHex(codec.encode(new User("ann", 30))));
  }

  @Test
  void decodesGoldenBytesOfSimpleRecord() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    codec.encode(new User("someone", 1)); // registers the schema as id 1
    assertEquals(new User("ann", 30), codec.decode(hex.parseHex(USER_HEX), User.class));
  }

  @Test
  void encodesTimestampUnionAndDoubleToGoldenBytes() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    Reading r = new Reading("t1", Instant.ofEpochMilli(1000), Optional.empty(), 1.5);
    byte[] wire = codec.encode(r);
    assertEquals(READING_HEX, hex.formatHex(wire));
    assertEquals(r, codec.decode(hex.parseHex(READING_HEX), Reading.class));
  }

  @Test
  void genericRecordOfSameSchemaGivesSameBytes() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    Schema schema = new Schema.Parser().parse("""
        {"type":"record","name":"User","namespace":"test","fields":[
          {"name":"name","type":"string"},{"name":"age","type":"int"}]}""");
    GenericRecord user = new GenericData.Record(schema);
    user.put("name", "ann");
    user.put("age", 30);
    assertArrayEquals(hex.parseHex(USER_HEX), codec.encode(user));
    GenericRecord back = codec.decode(hex.parseHex(USER_HEX), GenericRecord.class);
    assertEquals("ann", back.get("name").toString());
    assertEquals(30, back.get("age"));
  }

  @Test
  void rejectsWrongMagicByteNamingIt() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    byte[] json = "{\"name\":\"ann\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    CodecException e = assertThrows(CodecException.class, () -> codec.decode(json, User.class));
    assertTrue(e.getMessage().contains("first byte is 0x7b"), e.getMessage());
    assertTrue(e.getMessage().contains("magic byte 0x00"), e.getMessage());
    assertTrue(e.getMessage().contains(User.class.getName()), e.getMessage());
  }

  @Test
  void rejectsPayloadShorterThanHeader() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    CodecException e = assertThrows(CodecException.class,
        () -> codec.decode(new byte[] {0, 0, 1}, User.class));
    assertTrue(e.getMessage().contains("3 byte(s)"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 5 bytes"), e.getMessage());
  }

  @Test
  void rejectsTruncatedBodySayingItEndedEarly() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    byte[] wire = codec.encode(new User("annabel", 30));
    byte[] cut = java.util.Arrays.copyOf(wire, wire.length - 3);
    CodecException e = assertThrows(CodecException.class, () -> codec.decode(cut, User.class));
    assertTrue(e.getMessage().contains("ended early"), e.getMessage());
    assertTrue(e.getMessage().contains("schema id 1"), e.getMessage());
  }

  @Test
  void unknownSchemaIdNamesTheIdAndRegistry() {
    String scope = MockRegistries.freshScope();
    Codec codec = MockRegistries.codec(scope);
    CodecException e = assertThrows(CodecException.class,
        () -> codec.decode(hex.parseHex("00000000630000"), User.class));
    assertTrue(e.getMessage().contains("schema id 99"), e.getMessage());
    assertTrue(e.getMessage().contains("mock://" + scope), e.getMessage());
    assertTrue(e.getMessage().contains("40403"), e.getMessage());
  }
}
