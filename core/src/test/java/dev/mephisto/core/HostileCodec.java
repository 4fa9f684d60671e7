package dev.mephisto.core;

import dev.mephisto.CodecException;
import dev.mephisto.TransientCodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A custom codec of text whose payload decides how decoding fails, as hostile bytes make real
 * codecs fail: {@code ise:...} throws IllegalStateException, {@code deep:...} overflows the
 * stack, {@code huge:...} asks for an array larger than the heap, {@code bad:...} throws a
 * CodecException, {@code transient:<n>:<id>} throws TransientCodecException n times (per id) and
 * then decodes, {@code stuck:...} is transient for ever; anything else decodes to itself.
 */
final class HostileCodec implements Codec {
  static final CodecProvider PROVIDER = new NamedCodecProvider("hostile", new HostileCodec());

  /** Decode attempts per {@code transient:} id. */
  static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  @Override
  public byte[] encode(Object value) {
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type) {
    String s = new String(data, StandardCharsets.UTF_8);
    if (s.startsWith("ise:")) {
      throw new IllegalStateException("custom codec gave up on " + s);
    }
    if (s.startsWith("deep:")) {
      return type.cast(recurse(s, 0));
    }
    if (s.startsWith("huge:")) {
      long[] claimed = new long[Integer.MAX_VALUE - 16]; // what a length field of 2^31 asks for
      return type.cast(s + claimed.length);
    }
    if (s.startsWith("bad:")) {
      throw new CodecException("expected no 'bad:' prefix but was \"" + s + "\"");
    }
    if (s.startsWith("transient:")) {
      String[] parts = s.split(":");
      int failures = Integer.parseInt(parts[1]);
      if (ATTEMPTS.computeIfAbsent(parts[2], k -> new AtomicInteger()).incrementAndGet() <= failures) {
        throw new TransientCodecException("registry answered 503 for " + s);
      }
    }
    if (s.startsWith("stuck:")) {
      ATTEMPTS.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet();
      throw new TransientCodecException("registry unreachable for " + s);
    }
    return type.cast(s);
  }

  private static String recurse(String s, int depth) {
    return depth < 0 ? s : recurse(s, depth + 1) + "";
  }
}
