package dev.mephisto.codec.avro;

import dev.mephisto.FieldDefault;
import dev.mephisto.FieldName;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import dev.mephisto.testkit.codec.CodecFuzzKit;
import dev.mephisto.testkit.codec.FuzzRandom;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * Fuzzes {@code avro} (Confluent wire format, {@code mock://} registry): records with every kind
 * of field, a recursive record, plain strings; hostile bodies behind registered schema ids.
 */
class AvroFuzzTest extends CodecFuzzKit {
  enum Color { RED, GREEN, BLUE }

  @Model(namespace = "fuzz.AvroSample")
  record Sample(String name, int count, long id, double price, float ratio, boolean flag,
      List<String> tags, Map<String, Integer> stock, Optional<String> note,
      @AvroDecimal(precision = 12, scale = 2) BigDecimal amount, Instant at, Color color,
      ByteBuffer data, Optional<Sample> child) {}

  /** snake_case field names on camelCase components, with schema defaults. */
  @Model(namespace = "fuzz.Renamed", naming = Naming.SNAKE_CASE)
  record Renamed(String accountId, @FieldDefault("1") int quantity,
      @FieldDefault("EUR") String currency, @FieldName("qty2") long otherCount,
      @FieldDefault("[]") List<String> tagNames, Optional<String> giftNote) {}

  @Model(namespace = "fuzz.Node")
  record Node(String v, Optional<Node> next) {}

  @Model(namespace = "fuzz.Holder")
  record Holder(List<Empty> items) {}

  @Model(namespace = "fuzz.Empty")
  record Empty() {}

  private final String scope = MockRegistries.freshScope();

  @Override
  protected String codecSpec() {
    return "avro";
  }

  @Override
  protected Map<String, ?> codecConfig() {
    return Map.of("schema.registry.url", "mock://" + scope);
  }

  @Override
  protected Object validValue(FuzzRandom r) {
    return switch (r.nextInt(6)) {
      case 0, 1, 2 -> sample(r, 3);
      case 5 -> new Renamed(r.text(12), r.anyInt(), r.text(3), r.anyLong(), r.texts(3, 6),
          r.nextBoolean() ? Optional.of(r.text(10)) : Optional.empty());
      case 3 -> node(r, r.nextInt(30));
      default -> r.text(40);
    };
  }

  @Override
  protected List<Class<?>> targetTypes() {
    return List.of(Sample.class, Node.class, Holder.class, Object.class, GenericRecord.class,
        String.class, Renamed.class);
  }

  private static Sample sample(FuzzRandom r, int depth) {
    List<String> tags = r.texts(3, 8);
    Map<String, Integer> stock = r.textToInts(3);
    return new Sample(r.text(20), r.anyInt(), r.anyLong(), r.anyDouble(), (float) r.anyDouble(),
        r.nextBoolean(), tags, stock, r.nextBoolean() ? Optional.of(r.text(10)) : Optional.empty(),
        BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, 2),
        Instant.ofEpochMilli(r.nextLong() % 10_000_000_000_000L), r.pick(List.of(Color.values())),
        ByteBuffer.wrap(r.bytes(16)),
        depth > 0 && r.chance(0.3) ? Optional.of(sample(r, depth - 1)) : Optional.empty());
  }

  private static Node node(FuzzRandom r, int depth) {
    return new Node(r.text(5), depth > 0 ? Optional.of(node(r, depth - 1)) : Optional.empty());
  }

  /** The 5-byte header of a schema the codec registered, by encoding a sample of it. */
  private byte[] header(Object sample) {
    return java.util.Arrays.copyOf(codec().encode(sample), 5);
  }

  private static byte[] concat(byte[]... parts) {
    return AvroBytes.concat(parts);
  }

  private static byte[] varlong(long n) {
    return AvroBytes.varlong(n);
  }

  @Override
  protected List<Hostile> hostilePayloads() {
    return List.of(
        new Hostile("deep recursion", r -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          int depth = r.nextInt(300, 20_000);
          for (int i = 0; i < depth; i++) {
            body.write(0);
            body.write(2);
          }
          body.write(0);
          body.write(0);
          return concat(header(new Node("x", Optional.empty())), body.toByteArray());
        }),
        new Hostile("zero-size item claims", r -> concat(header(new Holder(List.of())),
            varlong(r.pick(List.of(Integer.MAX_VALUE - 9L, 999_999L, 1_000_001L, Long.MAX_VALUE,
                -3L))), r.nextBoolean() ? varlong(r.nextInt(1_000_000)) : new byte[0],
            new byte[] {0})),
        new Hostile("length claims", r -> concat(header(new Node("x", Optional.empty())),
            varlong(r.pick(List.of(Integer.MAX_VALUE - 9L, (long) Integer.MAX_VALUE, -1L,
                Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40))), r.bytes(8))),
        new Hostile("invalid UTF-8 and booleans", r -> {
          byte[] bad = r.invalidUtf8();
          return concat(header(new Node("x", Optional.empty())), varlong(bad.length), bad,
              new byte[] {(byte) (int) r.pick(List.of(0, 2, 4, 0x7f, 0xff))});
        }),
        new Hostile("unknown schema ids", r -> concat(new byte[] {0},
            java.nio.ByteBuffer.allocate(4).putInt(r.nextInt(100, 1 << 30)).array(), r.bytes(10))),
        new Hostile("mutated sample body", r -> {
          byte[] valid = codec().encode(sample(r, 1));
          valid[5 + r.nextInt(valid.length - 5)] = (byte) r.nextInt(256);
          return valid;
        }));
  }
}
