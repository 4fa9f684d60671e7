package dev.mephisto.testkit.store;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Byte helpers for {@link StoreCompatibilityKit}; hex strings make failures readable. */
final class KitBytes {
  private static final HexFormat HEX = HexFormat.of();

  private KitBytes() {}

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** @return 4-byte big-endian {@code i}, so numeric and unsigned byte order agree */
  static byte[] intKey(int i) {
    return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
  }

  static Optional<String> textOf(Optional<byte[]> value) {
    return value.map(KitBytes::text);
  }

  static ChangelogRecord record(String key, String value, long offset) {
    return new ChangelogRecord(utf8(key), value == null ? null : utf8(value), offset);
  }

  /** Drains and closes the iterator. */
  static List<StoreEntry> drain(StoreIterator it) {
    try (it) {
      List<StoreEntry> out = new ArrayList<>();
      while (it.hasNext()) {
        out.add(it.next());
      }
      return out;
    }
  }

  /** @return the keys as hex, in iteration order; closes the iterator */
  static List<String> hexKeys(StoreIterator it) {
    return drain(it).stream().map(e -> hex(e.key())).toList();
  }

  /** @return "key=value" as text, in iteration order; closes the iterator */
  static List<String> textEntries(StoreIterator it) {
    return drain(it).stream().map(e -> text(e.key()) + "=" + text(e.value())).toList();
  }
}
