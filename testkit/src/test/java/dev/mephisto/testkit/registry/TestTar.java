package dev.mephisto.testkit.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes ustar entries by hand, as the format's spec lays them out, into a .tar.gz. */
final class TestTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TestTar entry(String name, char type, byte[] data) {
    return entry(name, "", type, data);
  }

  TestTar entry(String name, String prefix, char type, byte[] data) {
    byte[] h = new byte[512];
    put(h, 0, name, 100);
    put(h, 100, "0000644", 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format("%011o", data.length), 12);
    put(h, 136, "00000000000", 12);
    h[156] = (byte) type;
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    put(h, 345, prefix, 155);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum), 7);
    out.writeBytes(h);
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    return this;
  }

  TestTar pax(String path, byte[] data) {
    String record = " path=" + path + "\n";
    int len = record.length() + 1;
    while (String.valueOf(len).length() + record.length() != len) {
      len = String.valueOf(len).length() + record.length();
    }
    entry("PaxHeaders/x", 'x', (len + record).getBytes(StandardCharsets.UTF_8));
    return entry("short-name", '0', data);
  }

  private static void put(byte[] h, int off, String s, int max) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(b.length, max));
  }

  Path write(Path file) throws IOException {
    out.writeBytes(new byte[1024]);
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(out.toByteArray());
    }
    return file;
  }
}
