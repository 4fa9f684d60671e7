package dev.mephisto.testkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void extractsFilesDirectoriesPrefixesAndLongNames() throws IOException {
    String longPath = "lib/main/" + "a".repeat(120) + ".jar";
    String gnuPath = "lib/boot/" + "b".repeat(110) + ".jar";
    Path archive = new TestTar()
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
    Path archive = new TestTar().entry("../escaped.txt", '0', text("x")).write(tmp.resolve("evil.tar.gz"));
    Path out = Files.createDirectory(tmp.resolve("out"));
    IOException e = assertThrows(IOException.class, () -> TarGz.extract(archive, out));
    assertTrue(e.getMessage().contains("'../escaped.txt'"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("escaped.txt")));
  }

  @Test
  void truncatedArchiveFails() throws IOException {
    Path full = new TestTar().entry("big.bin", '0', new byte[5000]).write(tmp.resolve("full.tar.gz"));
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
