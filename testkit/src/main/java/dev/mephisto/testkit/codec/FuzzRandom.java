package dev.mephisto.testkit.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random source of one fuzz case, with helpers for making values and bytes. Each case gets
 * its own, derived from the run's seed and the case number, so any case can be replayed alone
 * ({@code -Dfuzz.seed=S -Dfuzz.case=N}).
 */
public final class FuzzRandom {
  private static final String ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
      + " _-./:\"\\{}[],";
  private static final int[] EXOTIC = {'é', 'ß', '€', '日', 0x1F389, 0x10FFFF, 0x7f, 0, '\n',
      '\t', 0xFFFD, 0x2028};
  private final SplittableRandom random;

  FuzzRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * @param bound exclusive upper bound, greater than 0
   * @return a number in {@code [0, bound)}
   */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * @param from inclusive lower bound
   * @param to exclusive upper bound
   * @return a number in {@code [from, to)}
   */
  public int nextInt(int from, int to) {
    return random.nextInt(from, to);
  }

  /** @return any long */
  public long nextLong() {
    return random.nextLong();
  }

  /** @return any int, small ones and the edges more often */
  public int anyInt() {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      case 2 -> random.nextInt(-10, 10);
      default -> random.nextInt();
    };
  }

  /** @return any long, small ones and the edges more often */
  public long anyLong() {
    return switch (random.nextInt(6)) {
      case 0 -> 0L;
      case 1 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      case 2 -> random.nextLong(-1000, 1000);
      default -> random.nextLong();
    };
  }

  /** @return a double: ordinary, tiny, huge, or one of NaN, infinities and -0.0 */
  public double anyDouble() {
    return switch (random.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2 -> -0.0;
      case 3 -> Double.longBitsToDouble(random.nextLong());
      case 4 -> random.nextInt(-1000, 1000) / 8.0;
      default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-20, 20));
    };
  }

  /** @return true or false */
  public boolean nextBoolean() {
    return random.nextBoolean();
  }

  /**
   * @param probability between 0 and 1
   * @return true with that probability
   */
  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /**
   * @param options what to pick from, not empty
   * @param <T> their type
   * @return one of them
   */
  public <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  /**
   * @param maxLength longest text, in code points
   * @return well-formed text: mostly ASCII (JSON's special characters included), some accented,
   *     CJK, astral, control and separator characters
   */
  public String text(int maxLength) {
    int n = random.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      if (random.nextInt(8) == 0) {
        sb.appendCodePoint(EXOTIC[random.nextInt(EXOTIC.length)]);
      } else {
        sb.append(ASCII.charAt(random.nextInt(ASCII.length())));
      }
    }
    return sb.toString();
  }

  /**
   * @param maxCount most strings
   * @param maxLength longest string, in code points
   * @return a mutable list of {@link #text(int)}s
   */
  public java.util.List<String> texts(int maxCount, int maxLength) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = random.nextInt(maxCount + 1); i > 0; i--) {
      out.add(text(maxLength));
    }
    return out;
  }

  /**
   * @param maxCount most entries
   * @return a mutable, insertion-ordered map of short texts to {@link #anyInt()}s
   */
  public java.util.Map<String, Integer> textToInts(int maxCount) {
    java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
    for (int i = random.nextInt(maxCount + 1); i > 0; i--) {
      out.put(text(6), anyInt());
    }
    return out;
  }

  /**
   * @param maxLength most bytes
   * @return random bytes
   */
  public byte[] bytes(int maxLength) {
    byte[] b = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(b);
    return b;
  }

  /** @return a byte sequence that is not well-formed UTF-8 (overlong, surrogate, cut, ...) */
  public byte[] invalidUtf8() {
    String[] bad = {"c0af", "c080", "e080af", "eda080", "f4908080", "f8888080", "80", "bf", "fe",
        "ff", "c3", "e282", "f09f98"};
    return java.util.HexFormat.of().parseHex(bad[random.nextInt(bad.length)]);
  }

  /** @return ASCII bytes of the text */
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
