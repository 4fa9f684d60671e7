package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.codec.Codec;
import dev.mephisto.testkit.codec.SmallStack;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 10: payloads of a few bytes that cost gigabytes or stack, and values accepted silently. */
class AvroHostileInputTest {
  public record Empty() {}

  public record Holder(List<Empty> items) {}

  public record Named(String name) {}

  public record Node(String v, Optional<Node> next) {}

  public record Flag(boolean on) {}

  public record Tags(Map<String, String> tags) {}

  public record Price(@AvroDecimal(precision = 4, scale = 2) BigDecimal amount) {}

  public enum Color { RED, GREEN }

  public record Paint(Color color) {}

  private Codec codec;
  private String scope;

  @BeforeEach
  void freshRegistry() {
    scope = MockRegistries.freshScope();
    codec = MockRegistries.codec(scope);
  }

  /** Registers the schema of {@code sample} and returns its id. */
  private int register(Object sample) {
    byte[] wire = codec.encode(sample);
    return java.nio.ByteBuffer.wrap(wire, 1, 4).getInt();
  }

  private static byte[] payload(int id, byte[]... parts) {
    return AvroBytes.payload(id, parts);
  }

  private static byte[] varlong(long n) {
    return AvroBytes.varlong(n);
  }

  private static byte[] bytes(int... b) {
    return AvroBytes.bytes(b);
  }

  private CodecException fails(Codec c, byte[] input, Class<?> type) {
    return assertThrows(CodecException.class, () -> c.decode(input, type));
  }

  @Test
  void zeroSizeItemsCannotBurnCpuOrMemory() {
    int id = register(new Holder(List.of()));
    // 11 bytes claiming 2^31 - 9 empty records: before, seconds of CPU and an OutOfMemoryError
    byte[] claim = payload(id, varlong(Integer.MAX_VALUE - 9L), bytes(0));
    CodecException e = fails(codec, claim, Holder.class);
    assertTrue(e.getMessage().contains("field 'items' holds an array block of 2147483638 items,"
        + " more than the 1000000 left of the 1000000 items codec setting 'avro.max.items'"
        + " allows in one message"), e.getMessage());
    fails(codec, claim, Object.class);
    fails(codec, claim, GenericRecord.class);
    // within the item limit, items that must take no bytes are limited on their own
    byte[] empties = payload(id, varlong(999_999), bytes(0));
    CodecException empty = fails(codec, empties, Holder.class);
    assertTrue(empty.getMessage().contains("holds an array block of 999999 items but only 1 bytes"
        + " are left, so at least 999998 of them take no bytes; codec setting"
        + " 'avro.max.empty.items' allows 10000 such items in one message"), empty.getMessage());
    fails(codec, empties, Object.class);
    // many blocks are charged together
    fails(codec, payload(id, varlong(6_000), varlong(6_000), bytes(0)), Holder.class);
    assertEquals(10_000, codec.decode(payload(id, varlong(10_000), bytes(0)), Holder.class)
        .items().size());
    // both limits are settings
    Codec small = MockRegistries.codec(scope, "avro.max.items", "3");
    assertEquals(3, small.decode(payload(id, varlong(3), bytes(0)), Holder.class).items().size());
    fails(small, payload(id, varlong(2), varlong(2), bytes(0)), Holder.class);
    Codec noEmpty = MockRegistries.codec(scope, "avro.max.empty.items", "1");
    fails(noEmpty, payload(id, varlong(3), bytes(0)), Holder.class);
  }

  @Test
  void lengthClaimsAreCheckedAgainstTheBytesLeftBeforeAllocating() {
    int id = register(new Named("x"));
    // 10 bytes claiming a 2 GB string: before, an OutOfMemoryError
    CodecException e = fails(codec, payload(id, varlong(Integer.MAX_VALUE - 9L)), Named.class);
    assertTrue(e.getMessage().contains("the payload ended early (a string of 2147483638 bytes was"
        + " announced but only 0 bytes are left)"), e.getMessage());
    fails(codec, payload(id, varlong(-5)), Named.class);
    fails(codec, payload(id, varlong(Integer.MAX_VALUE - 9L)), Object.class);
    int tags = register(new Tags(Map.of()));
    fails(codec, payload(tags, varlong(-3), varlong(Integer.MAX_VALUE)), Tags.class);
    fails(codec, payload(tags, varlong(Long.MAX_VALUE / 2)), GenericRecord.class);
  }

  private static byte[] nested(int depth) {
    ByteArrayOutputStream deep = new ByteArrayOutputStream();
    for (int i = 0; i < depth; i++) {
      deep.write(0); // v = ""
      deep.write(2); // union branch 1: another Node
    }
    deep.write(0);
    deep.write(0); // the last one: null
    return deep.toByteArray();
  }

  @Test
  void recursionDeeperThanTheLimitFailsInsteadOfOverflowingTheStack() {
    int id = register(new Node("x", Optional.empty()));
    byte[] deep = payload(id, nested(10_000)); // 20 KB: before, a StackOverflowError
    CodecException e = fails(codec, deep, Node.class);
    assertTrue(e.getMessage().contains("nests records more than 500 deep, the limit of codec"
        + " setting 'avro.max.depth'"), e.getMessage());
    assertTrue(e.getMessage().length() < 2_000, "the path is cut: " + e.getMessage().length());
    assertTrue(fails(codec, deep, Object.class).getMessage().contains("avro.max.depth"));
    assertTrue(fails(codec, deep, GenericRecord.class).getMessage().contains("avro.max.depth"));
    // within the limit it decodes, and the limit is a setting
    assertEquals("", codec.decode(payload(id, nested(400)), Node.class).v());
    fails(MockRegistries.codec(scope, "avro.max.depth", "10"), payload(id, nested(20)), Node.class);
  }

  @Test
  void depthBeyondTheStackIsACodecExceptionNotAStackOverflowError() throws Exception {
    int id = register(new Node("x", Optional.empty()));
    Codec unbounded = MockRegistries.codec(scope, "avro.max.depth", "100000000");
    byte[] deep = payload(id, nested(50_000));
    Throwable thrown = SmallStack.thrownBy(() -> unbounded.decode(deep, Object.class));
    assertInstanceOf(CodecException.class, thrown);
    assertTrue(thrown.getMessage().contains("avro.max.depth"), thrown.getMessage());
  }

  @Test
  void invalidUtf8IsRejectedInsteadOfBecomingReplacementCharacters() {
    int id = register(new Named("x"));
    byte[] overlong = payload(id, bytes(4, 0xc0, 0xaf));
    CodecException e = fails(codec, overlong, Named.class);
    assertTrue(e.getMessage().contains("field 'name' holds a string that is not UTF-8: byte 0 of"
        + " the string (0xc0 0xaf) is not well-formed UTF-8 (an overlong form)"), e.getMessage());
    fails(codec, overlong, Object.class);
    fails(codec, payload(id, bytes(2, 0xff)), GenericRecord.class);
    int tags = register(new Tags(Map.of()));
    fails(codec, payload(tags, bytes(2, 2, 0xc0, 2, 'v', 0)), Tags.class); // a map key
    assertEquals(new Named("é"), codec.decode(payload(id, bytes(4, 0xc3, 0xa9)), Named.class));
  }

  @Test
  void booleansOtherThanZeroOrOneAreRejected() {
    int id = register(new Flag(true));
    CodecException e = fails(codec, payload(id, bytes(2)), Flag.class);
    assertTrue(e.getMessage().contains("field 'on' holds the boolean byte 0x2, but Avro booleans"
        + " are 0 or 1"), e.getMessage());
    fails(codec, payload(id, bytes(0xff)), GenericRecord.class);
    assertEquals(new Flag(true), codec.decode(payload(id, bytes(1)), Flag.class));
  }

  @Test
  void trailingBytesAfterTheValueAreRejected() {
    int id = register(new Named("x"));
    CodecException e = fails(codec, payload(id, bytes(2, 'a', 9, 9, 9)), Named.class);
    assertTrue(e.getMessage().contains("3 of the 5 body bytes are left after the value"),
        e.getMessage());
    fails(codec, payload(id, bytes(2, 'a', 0)), Object.class);
    assertEquals(new Named("a"), codec.decode(payload(id, bytes(2, 'a')), Named.class));
  }

  @Test
  void decimalsBeyondTheirPrecisionAreRejectedBothWays() {
    int id = register(new Price(new BigDecimal("12.34")));
    // unscaled 123456 (0x01e240) as 12 34.56: six digits in a decimal(4,2)
    CodecException e = fails(codec, payload(id, bytes(6, 0x01, 0xe2, 0x40)), Price.class);
    assertTrue(e.getMessage().contains("field 'amount' holds 1234.56 with 6 digits but decimal(4,2)"
        + " holds at most 4"), e.getMessage());
    // a huge unscaled value is rejected by its size, before any arithmetic
    byte[] huge = new byte[100_000];
    huge[0] = 0x7f;
    fails(codec, payload(id, varlong(huge.length), huge), Price.class);
    CodecException encode = assertThrows(CodecException.class,
        () -> codec.encode(new Price(new BigDecimal("123.45"))));
    assertTrue(encode.getMessage().contains("holds at most 4"), encode.getMessage());
    assertEquals(new Price(new BigDecimal("-12.34")),
        codec.decode(codec.encode(new Price(new BigDecimal("-12.34"))), Price.class));
  }

  @Test
  void unionBranchesAndEnumSymbolsOutOfRangeAreCodecExceptions() {
    int node = register(new Node("x", Optional.empty()));
    CodecException e = fails(codec, payload(node, bytes(0, 8)), Node.class);
    assertTrue(e.getMessage().contains("union branch 4 but the union has 2 branches"),
        e.getMessage());
    fails(codec, payload(node, bytes(0, 8)), GenericRecord.class);
    int paint = register(new Paint(Color.RED));
    assertTrue(fails(codec, payload(paint, bytes(20)), Paint.class).getMessage()
        .contains("enum symbol 10"));
    fails(codec, payload(paint, bytes(1)), Paint.class); // -1
    fails(codec, payload(paint, bytes(20)), Object.class);
  }

  @Test
  void limitsAreCheckedSettings() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> MockRegistries.codec(scope, "avro.max.depth", "-1"));
    assertTrue(e.getMessage().contains("Codec setting 'avro.max.depth' is '-1'"), e.getMessage());
    assertThrows(ConfigurationException.class,
        () -> MockRegistries.codec(scope, "avro.max.items", "lots"));
  }

  @Test
  void nothingTheWritersSchemaNamesIsLoadedOrConstructed() {
    // a writer's schema whose record and string name a class on the class path
    Schema hostile = new Schema.Parser().parse("""
        {"type": "record", "name": "AvroCanary", "namespace": "dev.mephisto.codec.avro",
         "fields": [{"name": "name", "type": {"type": "string", "avro.java.string": "String",
           "java-class": "dev.mephisto.codec.avro.AvroCanary"}}]}""");
    GenericData.Record r = new GenericData.Record(hostile);
    r.put("name", "/some/file");
    byte[] wire = codec.encode(r);
    Object generic = codec.decode(wire, Object.class);
    assertInstanceOf(GenericData.Record.class, generic);
    assertEquals("/some/file", ((GenericRecord) generic).get("name").toString());
    codec.decode(wire, GenericRecord.class);
    assertEquals(new Named("/some/file"), codec.decode(wire, Named.class));
    fails(codec, wire, Payment.class); // a SpecificRecord target reads with its own SCHEMA$ only
    assertEquals(List.of(), AvroCanary.BUILT, "the canary's constructor ran");
  }
}
