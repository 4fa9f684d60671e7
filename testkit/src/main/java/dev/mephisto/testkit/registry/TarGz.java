package dev.mephisto.testkit.registry;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of a tar reader to unpack a release archive: ustar names with prefixes, GNU long
 * names, PAX {@code path} and {@code size} records, regular files and directories. Links and
 * special files are skipped; entries that would land outside the target are refused.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /**
   * @param archive a {@code .tar.gz} file
   * @param target an empty directory to unpack into
   * @throws IOException when the archive is unreadable or malformed
   */
  static void extract(Path archive, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (InputStream in = new BufferedInputStream(
        new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      Map<String, String> pax = Map.of();
      while (readBlock(in, header)) {
        if (isZero(header)) {
          break;
        }
        String name = string(header, 0, 100);
        if (string(header, 257, 5).equals("ustar")) {
          String prefix = string(header, 345, 155);
          if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
          }
        }
        long size = number(header, 124, 12);
        char type = (char) header[156];
        if (longName != null) {
          name = longName;
          longName = null;
        }
        if (pax.containsKey("path")) {
          name = pax.get("path");
        }
        if (pax.containsKey("size")) {
          size = Long.parseLong(pax.get("size"));
        }
        pax = Map.of();
        switch (type) {
          case 'x' -> pax = paxRecords(readData(in, size));
          case 'L' -> longName = string(readData(in, size), 0, (int) size);
          case '5' -> Files.createDirectories(inside(root, name));
          case '0', '\0', '7' -> {
            Path file = inside(root, name);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
              copy(in, out, size);
            }
            skip(in, padding(size));
          }
          default -> skip(in, size + padding(size)); // 'g' global headers, links, devices
        }
      }
    }
  }

  private static Path inside(Path root, String name) throws IOException {
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) {
      throw new IOException("Tar entry '" + name + "' would unpack outside " + root);
    }
    return p;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("Truncated tar header (" + n + " of " + BLOCK + " bytes)");
    }
    return true;
  }

  private static byte[] readData(InputStream in, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("Tar metadata entry of " + size + " bytes is too large");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("Truncated tar entry");
    }
    skip(in, padding(size));
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("Truncated tar entry: " + left + " bytes missing");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new EOFException("Truncated tar archive");
        }
        s = 1;
      }
      left -= s;
    }
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** Octal, or base-256 when the high bit of the first byte is set (GNU, for large sizes). */
  private static long number(byte[] b, int off, int len) {
    if ((b[off] & 0x80) != 0) {
      long v = b[off] & 0x7f;
      for (int i = off + 1; i < off + len; i++) {
        v = (v << 8) | (b[i] & 0xff);
      }
      return v;
    }
    String s = string(b, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  /** PAX records: {@code "<length> <key>=<value>\n"}, lengths counted in bytes. */
  private static Map<String, String> paxRecords(byte[] data) {
    Map<String, String> out = new HashMap<>();
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      if (space >= data.length) {
        break;
      }
      int length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      if (length <= 0) {
        break;
      }
      String record = new String(data, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        out.put(record.substring(0, eq), record.substring(eq + 1));
      }
      pos += length;
    }
    return out;
  }
}
