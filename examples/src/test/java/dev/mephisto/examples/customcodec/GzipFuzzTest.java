package dev.mephisto.examples.customcodec;

import dev.mephisto.testkit.codec.CodecFuzzKit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Fuzzes the example's {@code gzip} codec, decompression bombs included. */
class GzipFuzzTest extends CodecFuzzKit {
  /** 64 MiB of zeros in about 64 KB: four times the default limit. */
  static final byte[] BOMB = gzip(new byte[1 << 20], 64);

  static byte[] gzip(byte[] chunk, int times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      for (int i = 0; i < times; i++) {
        g.write(chunk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A 256 KiB cap (default 16 MiB) keeps each bomb case fast; GzipCodecTest checks the default. */
  static final java.util.Map<String, String> CONFIG =
      java.util.Map.of("gzip.max.decoded.bytes", String.valueOf(256 << 10));

  @Override
  protected java.util.Map<String, ?> codecConfig() {
    return CONFIG;
  }

  @Override
  protected String codecSpec() {
    return "gzip";
  }

  @Override
  protected List<Hostile> hostilePayloads() {
    return List.of(
        new Hostile("decompression bomb", r -> r.nextBoolean() ? BOMB
            : java.util.Arrays.copyOf(BOMB, r.nextInt(10, BOMB.length))),
        new Hostile("gzip of random bytes, then damaged", r -> {
          byte[] g = gzip(r.bytes(200), 1);
          g[r.nextInt(g.length)] ^= (byte) (1 << r.nextInt(8));
          return g;
        }),
        new Hostile("concatenated members", r -> {
          byte[] one = gzip(r.bytes(50), 1);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          for (int i = r.nextInt(1, 50); i > 0; i--) {
            out.writeBytes(one);
          }
          out.writeBytes(r.bytes(4));
          return out.toByteArray();
        }));
  }
}
