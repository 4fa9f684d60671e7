package dev.mephisto.testkit.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A fuzz suite for a codec or chain: valid values must round-trip, and every hostile payload
 * (random bytes, truncations, bit flips, spliced bytes, invalid UTF-8, huge length claims, values
 * decoded as the wrong type, and the codec's own {@link #hostilePayloads() hostile cases}: deep
 * nesting, length claims in its format) must either decode to a value that re-encodes to itself,
 * or fail with a {@link CodecException}; nothing else, each case within {@code
 * fuzz.case.budget.ms} (10 s: generous, for loaded machines; a case over it is a hang). A codec
 * module extends it in a few lines, as it does the {@link CodecCompatibilityKit}:
 *
 * <pre>{@code
 * class GzipCodecFuzzTest extends CodecFuzzKit {
 *   @Override protected String codecSpec() { return "gzip"; }
 * }
 *
 * class JsonCodecFuzzTest extends CodecFuzzKit {
 *   @Override protected String codecSpec() { return "json"; }
 *   @Override protected Object validValue(FuzzRandom r) { return Sample.random(r); }
 *   @Override protected List<Class<?>> targetTypes() { return List.of(Sample.class, Map.class); }
 * }
 * }</pre>
 *
 * <p>The run is deterministic: a fixed seed ({@code fuzz.seed}), {@code fuzz.tries} cases (2 000
 * by default, as CI runs them; {@code -Dfuzz.tries=100000} for a long run), each case with its own
 * random source, so a failure names the case and {@code -Dfuzz.case=N} replays it alone. Run the
 * suite in a JVM with a modest heap ({@code -Xmx256m}, as the build does for {@code *FuzzTest}):
 * a payload that makes the codec allocate without bound then fails as an {@code
 * OutOfMemoryError}, which counts as "anything else". It prints, and writes to {@code
 * target/fuzz/}, the cases, how many decoded, how many raised {@code CodecException}, how many
 * anything else, the slowest case and the peak heap.
 */
public abstract class CodecFuzzKit {
  /** Cases per run unless {@code -Dfuzz.tries} says otherwise; CI's fixed-seed sample. */
  public static final int DEFAULT_TRIES = 2_000;
  private static final long DEFAULT_SEED = 20_261_202L;

  /**
   * A codec-specific kind of hostile payload.
   *
   * @param name the category, as the report lists it
   * @param make makes one payload from the case's random source
   */
  public record Hostile(String name, Function<FuzzRandom, byte[]> make) {}

  private Codec codec;

  /** Subclasses have a no-arg constructor, as every JUnit test class. */
  protected CodecFuzzKit() {}

  /** @return the codec or chain under test, e.g. {@code "json|binary"} */
  protected abstract String codecSpec();

  /** @return the codec configuration, as an app passes its {@code codec.*} settings */
  protected Map<String, ?> codecConfig() {
    return Map.of();
  }

  /**
   * A valid value the codec must round-trip. Byte codecs and chains of byte codecs need not
   * override it: random bytes, sometimes long and repetitive.
   *
   * @param random the case's random source
   * @return a value
   */
  protected Object validValue(FuzzRandom random) {
    byte[] b = random.bytes(random.chance(0.1) ? 4096 : 64);
    if (random.chance(0.2) && b.length > 0) {
      java.util.Arrays.fill(b, b[0]); // repetitive: what compression is for
    }
    return b;
  }

  /**
   * @param value a value from {@link #validValue}
   * @return the type it decodes as; by default its class ({@code byte[]} for bytes)
   */
  protected Class<?> decodeType(Object value) {
    return value.getClass();
  }

  /** @return the types hostile payloads are decoded into; by default {@code byte[]} */
  protected List<Class<?>> targetTypes() {
    return List.of(byte[].class);
  }

  /** @return the codec's own hostile payloads (deep nesting, length claims); none by default */
  protected List<Hostile> hostilePayloads() {
    return List.of();
  }

  /**
   * Compares a value with what came back. By default: arrays by content, else {@code equals}.
   *
   * @param expected the value
   * @param actual what decoding gave
   */
  protected void assertSameValue(Object expected, Object actual) {
    if (expected instanceof byte[] b) {
      assertArrayEquals(b, (byte[]) actual);
    } else {
      assertEquals(expected, actual);
    }
  }

  /** @return the codec resolved as an app resolves it, chain and all */
  protected final Codec codec() {
    if (codec == null) {
      codec = Codecs.create(List.of(), codecConfig()).resolve(codecSpec());
    }
    return codec;
  }

  @Test
  void hostileBytesDecodeOrFailWithCodecExceptionWithinBudget() {
    int tries = Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
    long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
    long budgetNanos = Long.getLong("fuzz.case.budget.ms", 10_000L) * 1_000_000L;
    Integer only = Integer.getInteger("fuzz.case");
    List<Category> categories = categories();
    warmUp(categories, seed);
    FuzzStats stats = new FuzzStats(codecSpec(), seed);
    for (int i = only == null ? 0 : only; i < (only == null ? tries : only + 1); i++) {
      FuzzRandom r = new FuzzRandom(seed * 1_000_003L + i);
      Category c = categories.get(i % categories.size());
      long start = System.nanoTime();
      Outcome o = c.run().apply(r);
      long nanos = System.nanoTime() - start;
      String failure = o.failure;
      if (failure == null && nanos > budgetNanos) {
        failure = "took " + nanos / 1_000_000 + " ms, over fuzz.case.budget.ms ("
            + budgetNanos / 1_000_000 + " ms): a hang or a cost without bound";
      }
      stats.record(c.name, i, nanos, o.decoded, failure == null ? null
          : failure + "; payload " + preview(o.payload) + "; replay with -Dfuzz.seed=" + seed
              + " -Dfuzz.case=" + i);
    }
    String summary = stats.summary();
    System.out.println(summary);
    report(summary);
    assertTrue(stats.failures().isEmpty(), () -> stats.others() + " case(s) of '" + codecSpec()
        + "' neither decoded nor raised CodecException:\n  "
        + String.join("\n  ", stats.failures()) + "\n" + summary);
  }

  /**
   * Runs one case of each category untimed and uncounted, so that class loading and the first
   * compilation (seconds on a loaded machine) do not count against the first cases' budget.
   */
  private static void warmUp(List<Category> categories, long seed) {
    for (int i = 0; i < categories.size(); i++) {
      categories.get(i).run().apply(new FuzzRandom(~seed + i));
    }
  }

  private record Category(String name, Function<FuzzRandom, Outcome> run) {}

  /** What one case did: the payload, whether it decoded, or why it failed. */
  private record Outcome(byte[] payload, boolean decoded, String failure) {}

  private List<Category> categories() {
    List<Category> list = new ArrayList<>();
    list.add(new Category("valid round trip", this::roundTrip));
    list.add(new Category("random bytes", r -> decode(r.bytes(r.chance(0.1) ? 1024 : 48),
        r.pick(targetTypes()))));
    list.add(new Category("truncation", r -> {
      byte[] b = validBytes(r);
      return decode(java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)),
          r.pick(targetTypes()));
    }));
    list.add(new Category("bit flips", r -> decode(Mutations.flipBits(validBytes(r), r),
        r.pick(targetTypes()))));
    list.add(new Category("spliced bytes", r -> decode(Mutations.splice(validBytes(r), r),
        r.pick(targetTypes()))));
    list.add(new Category("invalid UTF-8", r -> decode(Mutations.insert(validBytes(r),
        r.invalidUtf8(), r), r.pick(targetTypes()))));
    list.add(new Category("huge length claims", r -> decode(Mutations.insert(validBytes(r),
        Mutations.hugeNumber(r), r), r.pick(targetTypes()))));
    list.add(new Category("wrong type", r -> {
      Object v = validValue(r);
      byte[] b = encodeOrNull(v);
      List<Class<?>> others = new ArrayList<>(targetTypes());
      others.remove(decodeType(v));
      return b == null ? new Outcome(new byte[0], false, "could not encode a valid value")
          : decode(b, others.isEmpty() ? decodeType(v) : r.pick(others));
    }));
    for (Hostile h : hostilePayloads()) {
      list.add(new Category(h.name(), r -> decode(h.make().apply(r), r.pick(targetTypes()))));
    }
    return list;
  }

  private byte[] validBytes(FuzzRandom r) {
    byte[] b = encodeOrNull(validValue(r));
    return b == null ? new byte[0] : b;
  }

  private byte[] encodeOrNull(Object v) {
    try {
      return codec().encode(v);
    } catch (CodecException e) {
      return null;
    }
  }

  private Outcome roundTrip(FuzzRandom r) {
    Object v = validValue(r);
    byte[] b = null;
    try {
      b = codec().encode(v);
      assertSameValue(v, codec().decode(b, decodeType(v)));
      return new Outcome(b, true, null);
    } catch (Throwable t) {
      return new Outcome(b == null ? new byte[0] : b, false, "a valid value " + abbreviate(v)
          + " did not round-trip: " + abbreviate(t));
    }
  }

  private Outcome decode(byte[] payload, Class<?> type) {
    Object v;
    try {
      v = codec().decode(payload, type);
    } catch (CodecException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        return new Outcome(payload, false, "a CodecException without a message");
      }
      return new Outcome(payload, false, null);
    } catch (Throwable t) {
      return new Outcome(payload, false, "decoding as " + type.getSimpleName() + " threw "
          + abbreviate(t));
    }
    // it decoded: the value must be one the codec itself writes and reads back the same
    try {
      if (v != null) {
        assertSameValue(v, codec().decode(codec().encode(v), type));
      }
      return new Outcome(payload, true, null);
    } catch (Throwable t) {
      return new Outcome(payload, true, "decoded as " + type.getSimpleName() + " to "
          + abbreviate(v) + ", which does not round-trip: " + abbreviate(t));
    }
  }

  private static String abbreviate(Object o) {
    String s = o instanceof Throwable t ? t.toString() : String.valueOf(o);
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  private static String preview(byte[] b) {
    int n = Math.min(b.length, 48);
    return b.length + " bytes " + HexFormat.of().formatHex(b, 0, n) + (b.length > n ? "..." : "");
  }

  private void report(String summary) {
    Path dir = Path.of(System.getProperty("fuzz.report.dir", "target/fuzz"));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(codecSpec().replaceAll("[^a-z0-9.-]", "_") + ".txt"),
          summary + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
