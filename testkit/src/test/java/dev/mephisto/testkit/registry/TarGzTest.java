package dev.mephisto.testkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
  @TempDir
  Path tmp;

  /** Writes ustar entries by hand, as the format's spec lays them out. */
  private static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Tar entry(String name, char type, byte[] data) {
      return entry(name, "", type, data);
    }

    Tar entry(String name, String prefix, char type, byte[] data) {
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

    Tar pax(String path, byte[] data) {
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

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void extractsFilesDirectoriesPrefixesAndLongNames() throws IOException {
    String longPath = "lib/main/" + "a".repeat(120) + ".jar";
    String gnuPath = "lib/boot/" + "b".repeat(110) + ".jar";
    Path archive = new Tar()
        .entry("app/", '5', new byte[0])
        .entry("app/quarkus-run.jar", '0', text("jar bytes"))
        .entry("config.txt", "deep/prefix", '0', text("prefixed"))
        .pax(longPath, text("pax named"))
        .entry("././@LongLink", 'L', text(gnuPath + "\0"))
        .entry("truncated-name", '0', text("gnu named"))
        .entry("app/link", '2', new byte[0])
        .entry("empty.txt", '0', new byte[0])
        .write(tmp.resolve("a.tar.gz"));
    Path out = Files.createDirectory(tmp.resolve("out"));
    TarGz.extract(archive, out);
    assertEquals("jar bytes", Files.readString(out.resolve("app/quarkus-run.jar")));
    assertEquals("prefixed", Files.readString(out.resolve("deep/prefix/config.txt")));
    assertEquals("pax named", Files.readString(out.resolve(longPath)));
    assertEquals("gnu named", Files.readString(out.resolve(gnuPath)));
    assertEquals(0, Files.size(out.resolve("empty.txt")));
    assertFalse(Files.exists(out.resolve("app/link")), "links are skipped");
    assertFalse(Files.exists(out.resolve("short-name")), "the PAX path replaces the header's name");
  }

  @Test
  void refusesEntriesThatEscapeTheTarget() throws IOException {
    Path archive = new Tar().entry("../escaped.txt", '0', text("x")).write(tmp.resolve("evil.tar.gz"));
    Path out = Files.createDirectory(tmp.resolve("out"));
    IOException e = assertThrows(IOException.class, () -> TarGz.extract(archive, out));
    assertTrue(e.getMessage().contains("'../escaped.txt'"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("escaped.txt")));
  }

  @Test
  void truncatedArchiveFails() throws IOException {
    Path full = new Tar().entry("big.bin", '0', new byte[5000]).write(tmp.resolve("full.tar.gz"));
    byte[] tar;
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(full))) {
      tar = in.readNBytes(2000);
    }
    Path cut = tmp.resolve("cut.tar.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(cut))) {
      gz.write(tar);
    }
    Path out = Files.createDirectory(tmp.resolve("out"));
    assertThrows(IOException.class, () -> TarGz.extract(cut, out));
  }
}
