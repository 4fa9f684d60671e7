package dev.mephisto.testkit.codec;

import dev.mephisto.codec.ByteCodec;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Byte arrays and a byte codec the compatibility kit works with. */
final class KitBytes {
  private KitBytes() {}

  /** @return arrays a byte codec must round-trip: empty, every byte value, odd sizes, 1 MiB */
  static List<byte[]> samples() {
    Random random = new Random(7);
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[0]);
    out.add(new byte[] {0});
    out.add(new byte[] {(byte) 0xff});
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    out.add(all);
    for (int size : new int[] {2, 3, 4, 5, 63, 64, 65, 1000, 4097, 65_536}) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      out.add(b);
    }
    byte[] large = new byte[1 << 20];
    random.nextBytes(large);
    out.add(large);
    return out;
  }

  static byte[] reverse(byte[] data) {
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = data[data.length - 1 - i];
    }
    return out;
  }

  /** Reverses bytes: order-sensitive, so chains that run codecs in the wrong order fail. */
  static final class ReverseProvider implements CodecProvider {
    private final String name;

    ReverseProvider(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Codec create(Map<String, ?> config) {
      return new ByteCodec() {
        @Override
        public byte[] encodeBytes(byte[] data) {
          return reverse(data);
        }

        @Override
        public byte[] decodeBytes(byte[] data) {
          return reverse(data);
        }
      };
    }
  }
}
