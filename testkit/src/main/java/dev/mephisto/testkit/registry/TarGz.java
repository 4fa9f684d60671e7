package dev.mephisto.testkit.registry;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of a tar reader to unpack and list a release archive: ustar names with prefixes, GNU long
 * names, PAX {@code path} and {@code size} records, regular files and directories. Links and
 * special files are skipped; entries that would land outside the target are refused.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /** What {@link #read} hands over, entry by entry. */
  interface Visitor {
    /** @param name a directory entry's name */
    void directory(String name) throws IOException;

    /**
     * @param name a regular file entry's name
     * @param size its length
     * @param data exactly its bytes; what is not read is skipped
     */
    void file(String name, long size, InputStream data) throws IOException;
  }

  /**
   * What a release archive holds.
   *
   * @param archiveDigest hex digest of the archive file itself
   * @param files SHA-256 (hex) of each regular file, by its normalized relative path
   */
  record Listing(String archiveDigest, Map<String, String> files) {}

  /**
   * @param archive a {@code .tar.gz} file
   * @param target an empty directory to unpack into
   * @throws IOException when the archive is unreadable or malformed
   */
  static void extract(Path archive, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (InputStream in = Files.newInputStream(archive)) {
      read(in, new Visitor() {
        @Override
        public void directory(String name) throws IOException {
          Files.createDirectories(inside(root, name));
        }

        @Override
        public void file(String name, long size, InputStream data) throws IOException {
          Path file = inside(root, name);
          Files.createDirectories(file.getParent());
          try (OutputStream out = Files.newOutputStream(file)) {
            data.transferTo(out);
          }
        }
      });
    }
  }

  /**
   * Reads the archive once: its own digest and the SHA-256 of every regular file in it.
   *
   * @param archive a {@code .tar.gz} file
   * @param algorithm the digest of the archive, e.g. {@code SHA-512}
   * @return the listing
   * @throws IOException when the archive is unreadable or malformed
   */
  static Listing list(Path archive, String algorithm) throws IOException {
    MessageDigest whole = digest(algorithm);
    Map<String, String> files = new TreeMap<>();
    try (InputStream in = new DigestInputStream(Files.newInputStream(archive), whole)) {
      Path root = Path.of("/", "archive-root").toAbsolutePath();
      read(in, new Visitor() {
        @Override
        public void directory(String name) {}

        @Override
        public void file(String name, long size, InputStream data) throws IOException {
          String relative = root.relativize(inside(root, name)).toString();
          files.put(relative, sha256(data));
        }
      });
      in.transferTo(OutputStream.nullOutputStream()); // the digest covers the whole file
    }
    return new Listing(hex(whole.digest()), files);
  }

  /** @return the hex SHA-256 of what the stream holds */
  static String sha256(InputStream data) throws IOException {
    MessageDigest d = digest("SHA-256");
    byte[] buf = new byte[1 << 16];
    for (int n; (n = data.read(buf)) > 0; ) {
      d.update(buf, 0, n);
    }
    return hex(d.digest());
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("No digest '" + algorithm + "' in this JDK", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static void read(InputStream raw, Visitor visitor) throws IOException {
    InputStream in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
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
        case '5' -> visitor.directory(name);
        case '0', '\0', '7' -> {
          Bounded data = new Bounded(in, size);
          visitor.file(name, size, data);
          data.skipRest();
          skip(in, padding(size));
        }
        default -> skip(in, size + padding(size)); // 'g' global headers, links, devices
      }
    }
  }

  /** The bytes of one entry: reads stop at its end; a short archive is an error. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long size) {
      this.in = in;
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("Truncated tar entry: " + left + " bytes missing");
      }
      left -= n;
      return n;
    }

    void skipRest() throws IOException {
      TarGz.skip(in, left);
      left = 0;
    }

    @Override
    public void close() {
      // the archive stream stays open for the next entry
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
