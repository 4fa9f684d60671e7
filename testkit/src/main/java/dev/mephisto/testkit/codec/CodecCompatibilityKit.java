package dev.mephisto.testkit.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.codec.ByteCodec;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tests every codec plug-in passes, whether it is a value codec (json, avro: value to bytes)
 * or a byte codec (binary, gzip: bytes to bytes). A plug-in module extends it in its tests, as
 * Micrometer's registries extend {@code MeterRegistryCompatibilityKit}:
 *
 * <pre>{@code
 * class GzipCodecCompatibilityTest extends CodecCompatibilityKit {
 *   @Override protected String codecName() { return "gzip"; }
 * }
 *
 * class JsonCodecCompatibilityTest extends CodecCompatibilityKit {
 *   @Override protected String codecName() { return "json"; }
 *   @Override protected List<Object> sampleValues() {
 *     return List.of(new Purchase("ann", "EUR", 12.5), Map.of("plain", List.of(1, 2)));
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks:
 *
 * <ul>
 *   <li>{@link ServiceLoader} finds a provider of {@link #codecName()} (so the jar lists it in
 *       {@code META-INF/services/dev.mephisto.codec.CodecProvider}) and {@link Codecs} resolves
 *       the name;
 *   <li>value codecs round-trip every {@link #sampleValues() sample value}, with and without a
 *       topic in the {@link CodecContext}; byte codecs round-trip arbitrary byte arrays, empty and
 *       large included;
 *   <li>the codec works inside chains, on either side of the {@code |}: a value codec with a byte
 *       codec the kit registers in code, a byte codec after {@code json} when json is on the test
 *       class path, else after {@code raw};
 *   <li>one codec instance is safe to use from many threads at once;
 *   <li>{@link #garbageInputs() garbage} fails to decode with a {@link CodecException}, never
 *       another exception type;
 *   <li>a chain passes {@code null} (a Kafka tombstone) through in both directions.
 * </ul>
 *
 * <p>Override the {@code protected} hooks to fit the codec: {@link #codecConfig()} for settings
 * such as {@code schema.registry.url}, {@link #decodeType(Object)} to decode a sample into
 * another type than its class (a sealed interface, {@code Map.class}), {@link
 * #assertSameValue(Object, Object)} for values without a useful {@code equals}, {@link
 * #garbageInputs()} for inputs the codec must reject (return an empty list for a codec that
 * accepts every byte sequence, and that test is skipped).
 */
public abstract class CodecCompatibilityKit {
  /** A byte codec the kit registers in code to put the codec under test into chains. */
  protected static final String KIT_BYTE_CODEC = "kit-reverse";

  private static final int THREADS = 8;
  private static final int ITERATIONS = 250;

  private Codecs resolver;
  private CodecProvider provider;
  private Codec created;
  private Codec codec;

  /** Subclasses have a no-arg constructor, as every JUnit test class. */
  protected CodecCompatibilityKit() {}

  /**
   * The codec's name in chains, as its provider's {@link CodecProvider#name()} returns it.
   *
   * @return e.g. {@code "json"}
   */
  protected abstract String codecName();

  /**
   * Values a value codec must round-trip; byte codecs need none. Give a few of each kind the codec
   * supports (records, nested records, maps, ...). Each is decoded into {@link
   * #decodeType(Object)} and compared with {@link #assertSameValue(Object, Object)}.
   *
   * @return sample values; empty by default
   */
  protected List<Object> sampleValues() {
    return List.of();
  }

  /**
   * @param sample one of {@link #sampleValues()}
   * @return the type to decode its bytes into; by default the sample's class
   */
  protected Class<?> decodeType(Object sample) {
    return sample.getClass();
  }

  /**
   * Compares a sample with what came back. By default: arrays by content, else {@code equals}.
   *
   * @param expected the sample
   * @param actual the decoded value
   */
  protected void assertSameValue(Object expected, Object actual) {
    if (expected instanceof byte[] b) {
      assertArrayEquals(b, (byte[]) actual);
    } else if (expected instanceof Object[] a) {
      assertArrayEquals(a, (Object[]) actual);
    } else {
      assertEquals(expected, actual);
    }
  }

  /**
   * @return the configuration handed to the provider's {@link CodecProvider#create(Map)}, as an
   *     app passes its {@code codec.*} settings; empty by default
   */
  protected Map<String, ?> codecConfig() {
    return Map.of();
  }

  /**
   * Inputs that decoding must reject with a {@link CodecException}: by default four bytes of
   * nonsense and 64 random bytes. Return an empty list for a codec that accepts every byte
   * sequence (such as {@code raw}); the garbage test is then skipped.
   *
   * @return byte arrays that are not valid encodings
   */
  protected List<byte[]> garbageInputs() {
    byte[] random = new byte[64];
    new Random(42).nextBytes(random);
    return List.of(new byte[] {(byte) 0xff, 0x00, (byte) 0xfe, 0x13}, random);
  }

  /** Resolves the codec through {@link Codecs} with the kit's byte codec registered in code. */
  @BeforeEach
  void resolveCodec() {
    resolver = Codecs.create(List.of(new KitBytes.ReverseProvider(KIT_BYTE_CODEC)), codecConfig());
    provider = ServiceLoader.load(CodecProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> codecName().equals(p.name()))
        .findFirst()
        .orElse(null);
    assertNotNull(provider, this::notFound);
    created = provider.create(codecConfig());
    codec = resolver.resolve(codecName());
  }

  /** @return the chain {@code codecName()} as {@link Codecs} resolves it */
  protected final Codec codec() {
    return codec;
  }

  /** @return true when the provider makes a {@link ByteCodec} */
  protected final boolean isByteCodec() {
    return created instanceof ByteCodec;
  }

  @Test
  void providerIsFoundByServiceLoader() {
    assertNotNull(provider, this::notFound);
    assertTrue(codecName().matches("[a-z][a-z0-9_.+-]*"), () -> "The codec name '" + codecName()
        + "' should be lower-case letters, digits, '_', '.', '+' or '-'");
    assertTrue(resolver.known().contains(codecName()),
        () -> "Codecs knows " + resolver.known() + " but not '" + codecName() + "'");
    assertNotNull(created, "CodecProvider.create(config) returned null");
  }

  @Test
  void roundTripsSampleValues() {
    assumeFalse(isByteCodec(), "byte codecs round-trip bytes instead");
    for (Object sample : samples()) {
      byte[] wire = codec.encode(sample);
      assertNotNull(wire, () -> "encode returned null for " + sample);
      assertSameValue(sample, codec.decode(wire, decodeType(sample)));
    }
  }

  @Test
  void roundTripsSampleValuesWithTopicContext() {
    assumeFalse(isByteCodec(), "byte codecs round-trip bytes instead");
    CodecContext context = CodecContext.value("kit-topic");
    for (Object sample : samples()) {
      byte[] wire = codec.encode(sample, context);
      assertSameValue(sample, codec.decode(wire, decodeType(sample), context));
    }
  }

  @Test
  void roundTripsArbitraryBytes() {
    assumeTrue(isByteCodec(), "value codecs round-trip sample values instead");
    ByteCodec bytes = (ByteCodec) created;
    for (byte[] data : KitBytes.samples()) {
      assertArrayEquals(data, bytes.decodeBytes(bytes.encodeBytes(data)),
          () -> "round trip of " + data.length + " bytes");
      assertArrayEquals(data, codec.decode(codec.encode(data), byte[].class));
    }
  }

  @Test
  void byteCodecRejectsValuesOtherThanBytes() {
    assumeTrue(isByteCodec(), "only byte codecs are limited to byte[]");
    Codec bytes = created;
    assertThrows(CodecException.class, () -> bytes.encode("not bytes"));
    assertThrows(CodecException.class,
        () -> bytes.decode(bytes.encode(new byte[] {1, 2}), String.class));
  }

  @Test
  void worksInsideChainsWrittenInEitherOrder() {
    String name = codecName();
    if (isByteCodec()) {
      boolean json = resolver.known().contains("json");
      String value = json ? "json" : "raw";
      Object sample = json ? Map.of("kit", List.of(1, "two")) : "kit välue";
      Class<?> type = json ? Map.class : String.class;
      Codec written = resolver.resolve(value + "|" + name);
      Codec reversed = resolver.resolve(name + "|" + value);
      byte[] wire = written.encode(sample);
      ByteCodec bytes = (ByteCodec) created;
      assertArrayEquals(bytes.encodeBytes(resolver.resolve(value).encode(sample)), wire,
          "the value codec runs first, then " + name);
      assertArrayEquals(wire, reversed.encode(sample), "'" + name + "|" + value + "' is the same");
      assertEquals(sample, written.decode(wire, type));
      // byte codecs alone run in the order written
      byte[] data = "kit".getBytes(StandardCharsets.UTF_8);
      byte[] twice = resolver.resolve(name + "|" + KIT_BYTE_CODEC).encode(data);
      assertArrayEquals(KitBytes.reverse(bytes.encodeBytes(data)), twice);
      assertArrayEquals(data, resolver.resolve(name + "|" + KIT_BYTE_CODEC)
          .decode(twice, byte[].class));
    } else {
      Codec written = resolver.resolve(name + "|" + KIT_BYTE_CODEC);
      Codec reversed = resolver.resolve(KIT_BYTE_CODEC + "|" + name);
      for (Object sample : samples()) {
        byte[] wire = written.encode(sample);
        assertArrayEquals(KitBytes.reverse(codec.encode(sample)), wire,
            "the value codec runs first, then the byte codec");
        assertArrayEquals(wire, reversed.encode(sample), "the order written does not matter");
        assertSameValue(sample, reversed.decode(wire, decodeType(sample)));
      }
    }
  }

  @Test
  void valueCodecCannotShareAChainWithAnotherValueCodec() {
    assumeFalse(isByteCodec(), "byte codecs may be chained freely");
    String spec = codecName() + "|raw";
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> resolver.resolve(spec));
    assertTrue(e.getMessage().contains("two value codecs"), e::getMessage);
  }

  @Test
  void isThreadSafe() throws Exception {
    List<Object> values = new ArrayList<>();
    if (isByteCodec()) {
      values.addAll(KitBytes.samples().subList(0, 12));
    } else {
      values.addAll(samples());
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < ITERATIONS; i++) {
            Object v = values.get((offset + i) % values.size());
            Class<?> type = v instanceof byte[] ? byte[].class : decodeType(v);
            assertSameValue(v, codec.decode(codec.encode(v), type));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : results) {
        try {
          f.get();
        } catch (ExecutionException e) {
          fail("Concurrent use of one '" + codecName() + "' codec failed: " + e.getCause(),
              e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void garbageFailsWithCodecException() {
    List<byte[]> garbage = garbageInputs();
    assumeFalse(garbage.isEmpty(), "this codec accepts every byte sequence");
    Class<?> type = isByteCodec() ? byte[].class : decodeType(samples().get(0));
    for (byte[] g : garbage) {
      // the codec itself, not the chain: a chain would wrap another exception type for it
      CodecException e = assertThrows(CodecException.class, () -> created.decode(g, type),
          () -> "decoding " + g.length + " bytes of garbage should fail with CodecException");
      assertFalse(Objects.requireNonNullElse(e.getMessage(), "").isBlank(),
          "a CodecException says what is wrong");
    }
  }

  @Test
  void chainPassesTombstonesThrough() {
    Class<?> type = isByteCodec() ? byte[].class : decodeType(samples().get(0));
    for (String spec : List.of(codecName(), codecName() + "|" + KIT_BYTE_CODEC)) {
      Codec chain = resolver.resolve(spec);
      assertNull(chain.encode(null), () -> "'" + spec + "' encodes null to null");
      assertNull(chain.decode(null, type), () -> "'" + spec + "' decodes null to null");
    }
  }

  private String notFound() {
    return "ServiceLoader found no CodecProvider named '" + codecName() + "'; list the provider "
        + "class in src/main/resources/META-INF/services/" + CodecProvider.class.getName();
  }

  private List<Object> samples() {
    List<Object> s = sampleValues();
    if (s.isEmpty()) {
      fail("'" + codecName() + "' is a value codec: override sampleValues() in "
          + getClass().getSimpleName() + " with values it must round-trip");
    }
    return s;
  }
}
