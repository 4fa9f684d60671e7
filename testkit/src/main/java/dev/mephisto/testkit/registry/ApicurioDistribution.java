package dev.mephisto.testkit.registry;

import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.io.InputStream;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Apicurio Registry's Quarkus distribution ({@code io.apicurio:apicurio-registry-app},
 * classifier {@code all}, type {@code tar.gz}) in the local Maven repository, verifies it against
 * the checksum Maven Central publishes, and unpacks it into the user's own cache directory,
 * verified file by file on every use.
 */
final class ApicurioDistribution {
  private static final Logger log = LoggerFactory.getLogger(ApicurioDistribution.class);

  /** The version used when {@code -Dmephisto.apicurio.version} is not set. */
  static final String DEFAULT_VERSION = "3.3.3";
  /**
   * SHA-512 of {@code apicurio-registry-app-3.3.3-all.tar.gz} as Maven Central publishes it
   * ({@code .sha512} beside the artifact; its {@code .sha1} is
   * 71e7918455480cbce405ad45552254eb47ec932d).
   */
  static final String DEFAULT_SHA512 = "dd081e0bb14bb94ac9806eb768667b10a7292a8a75a81cbbfec1c99d9"
      + "20bc35697fc5e567d74b7bf94a0105648b90480842822959815d2965e0dc6c9524c92d3";
  private static final String ARCHIVE_PREFIX = "apicurio-registry-app-";

  private ApicurioDistribution() {}

  /** @return the Apicurio version to run */
  static String version() {
    return System.getProperty("mephisto.apicurio.version", DEFAULT_VERSION);
  }

  /** @return the archive, from {@code -Dmephisto.apicurio.archive} or the local repository */
  static Path archive() {
    String explicit = System.getProperty("mephisto.apicurio.archive");
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      if (!Files.isRegularFile(p)) {
        throw new ConfigurationException("-Dmephisto.apicurio.archive is '" + explicit
            + "' but no such file exists; point it at apicurio-registry-app-" + version()
            + "-all.tar.gz or remove it to use the local Maven repository");
      }
      return p;
    }
    String v = version();
    Path repo = localRepository();
    Path p = repo.resolve(Path.of("io", "apicurio", "apicurio-registry-app", v,
        "apicurio-registry-app-" + v + "-all.tar.gz"));
    if (!Files.isRegularFile(p)) {
      throw new ConfigurationException("EmbeddedSchemaRegistry needs Apicurio Registry's"
          + " distribution but '" + p + "' does not exist (local Maven repository '" + repo
          + "'). Add it as a test dependency so that Maven fetches it:\n"
          + "  <dependency>\n"
          + "    <groupId>io.apicurio</groupId>\n"
          + "    <artifactId>apicurio-registry-app</artifactId>\n"
          + "    <version>" + v + "</version>\n"
          + "    <classifier>all</classifier>\n"
          + "    <type>tar.gz</type>\n"
          + "    <scope>test</scope>\n"
          + "    <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>\n"
          + "  </dependency>\n"
          + "(the root pom manages it), or set -Dmaven.repo.local to the repository that holds"
          + " it, or -Dmephisto.apicurio.archive to the file");
    }
    return p;
  }

  private static Path localRepository() {
    String repo = System.getProperty("maven.repo.local");
    if (repo != null && !repo.isBlank()) {
      return Path.of(repo);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /**
   * The distribution to run, checked first: the archive must have the checksum Maven Central
   * publishes for it, and the unpacked copy in the per-user cache must hold exactly the archive's
   * files (same SHA-256 each, nothing more); anything else is unpacked again. Nothing is trusted
   * because a marker file says so.
   *
   * @return the directory holding {@code quarkus-run.jar}
   */
  static Path unpacked() {
    Path archive = archive();
    Checksum expected = expectedChecksum(archive);
    try {
      TarGz.Listing listing = TarGz.list(archive, expected.algorithm());
      if (!listing.archiveDigest().equalsIgnoreCase(expected.hex())) {
        throw new MephistoException("Apicurio Registry's distribution '" + archive + "' has "
            + expected.algorithm() + " '" + listing.archiveDigest() + "' but " + expected.source()
            + " says '" + expected.hex() + "': the file is corrupt or was replaced. Delete it "
            + "and let Maven download it again");
      }
      Path root = cacheRoot();
      Path dir = root.resolve(version() + "-" + expected.hex().substring(0, 16).toLowerCase(Locale.ROOT));
      Optional<String> problem = differences(dir, listing);
      if (problem.isPresent()) {
        if (Files.exists(dir)) {
          log.warn("The unpacked Apicurio Registry in '{}' differs from '{}' ({}); unpacking it "
              + "again", dir, archive, problem.get());
          deleteTree(dir);
        }
        unpack(archive, dir, listing);
      }
      return quarkusApp(dir).orElseThrow(() -> new MephistoException("No quarkus-run.jar in '"
          + dir + "' unpacked from '" + archive + "'; check that the archive is Apicurio "
          + "Registry's 'all' distribution"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check or unpack '" + archive + "'", e);
    }
  }

  /**
   * A checksum to verify the archive with.
   *
   * @param algorithm a {@link java.security.MessageDigest} name
   * @param hex the expected digest
   * @param source where it comes from, for messages
   */
  record Checksum(String algorithm, String hex, String source) {}

  /**
   * The checksum Maven Central publishes for the archive: for the default version the SHA-512
   * from Central pinned here (a replaced file next to the archive changes nothing); for another
   * version or an explicit archive the strongest of {@code .sha512}, {@code .sha256}, {@code
   * .sha1} beside it (Maven stores Central's there when it downloads the file).
   *
   * @param archive the archive
   * @return what it must hash to
   */
  static Checksum expectedChecksum(Path archive) {
    if (archive.getFileName().toString().equals(ARCHIVE_PREFIX + DEFAULT_VERSION + "-all.tar.gz")
        && version().equals(DEFAULT_VERSION)) {
      return new Checksum("SHA-512", DEFAULT_SHA512, "Maven Central's published .sha512 (pinned)");
    }
    for (String[] kind : new String[][] {{"sha512", "SHA-512"}, {"sha256", "SHA-256"}, {"sha1", "SHA-1"}}) {
      Path side = archive.resolveSibling(archive.getFileName() + "." + kind[0]);
      if (Files.isRegularFile(side)) {
        try {
          String text = Files.readString(side).trim();
          String hex = text.isEmpty() ? "" : text.split("\\s+")[0];
          if (!hex.matches("[0-9a-fA-F]+")) {
            throw new ConfigurationException("Checksum file '" + side + "' holds '" + text
                + "' but it should hold a hex digest");
          }
          return new Checksum(kind[1], hex, "'" + side + "'");
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read '" + side + "'", e);
        }
      }
    }
    throw new ConfigurationException("Cannot verify '" + archive + "': no .sha512, .sha256 or "
        + ".sha1 file beside it. Let Maven download it (it stores Central's checksum there), e.g. "
        + "mvn dependency:get -Dartifact=io.apicurio:apicurio-registry-app:" + version()
        + ":tar.gz.sha512:all, or put the published checksum in '" + archive.getFileName()
        + ".sha512' beside it");
  }

  /**
   * The cache of unpacked distributions: {@code -Dmephisto.registry.cache}, else {@code
   * $XDG_CACHE_HOME/mephisto/apicurio-registry} or {@code ~/.cache/mephisto/apicurio-registry}:
   * the user's own, never the shared temp directory. On POSIX file systems it is made 0700 and
   * must belong to the user running the tests.
   *
   * @return the cache directory, created if needed
   */
  static Path cacheRoot() throws IOException {
    String explicit = System.getProperty("mephisto.registry.cache");
    Path root;
    if (explicit != null && !explicit.isBlank()) {
      root = Path.of(explicit);
    } else {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
          : Path.of(System.getProperty("user.home"), ".cache");
      root = base.resolve("mephisto").resolve("apicurio-registry");
    }
    root = root.toAbsolutePath();
    if (!root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.createDirectories(root);
    }
    Set<PosixFilePermission> own = PosixFilePermissions.fromString("rwx------");
    Files.createDirectories(root, PosixFilePermissions.asFileAttribute(own));
    String owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName();
    String user = System.getProperty("user.name");
    if (!owner.equals(user)) {
      throw new ConfigurationException("The Apicurio Registry cache '" + root + "' belongs to '"
          + owner + "', not to '" + user + "' who runs the tests; use a directory of your own "
          + "with -Dmephisto.registry.cache");
    }
    if (!Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS).equals(own)) {
      Files.setPosixFilePermissions(root, own);
    }
    return root;
  }

  /** @return why {@code dir} does not hold exactly the archive's files, or empty if it does */
  static Optional<String> differences(Path dir, TarGz.Listing listing) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("not unpacked yet");
    }
    Map<String, String> seen = new HashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String relative = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          return Optional.of("'" + relative + "' is a symbolic link");
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String want = listing.files().get(relative);
        if (want == null) {
          return Optional.of("'" + relative + "' is not in the archive");
        }
        try (InputStream in = Files.newInputStream(p)) {
          if (!TarGz.sha256(in).equals(want)) {
            return Optional.of("'" + relative + "' has other content");
          }
        }
        seen.put(relative, want);
      }
    }
    for (String name : listing.files().keySet()) {
      if (!seen.containsKey(name)) {
        return Optional.of("'" + name + "' is missing");
      }
    }
    return Optional.empty();
  }

  /** Unpacks into a private directory, then renames it into place, so racing JVMs are safe. */
  private static void unpack(Path archive, Path dir, TarGz.Listing listing) throws IOException {
    Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp-");
    long start = System.nanoTime();
    log.info("Unpacking {} into {}", archive, dir);
    try {
      TarGz.extract(archive, tmp);
      Optional<String> problem = differences(tmp, listing);
      if (problem.isPresent()) {
        throw new MephistoException("'" + archive + "' changed while it was unpacked ("
            + problem.get() + "); try again");
      }
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // another JVM of this user won the race: use its copy if it is right
        Optional<String> theirs = differences(dir, listing);
        if (theirs.isPresent()) {
          throw new IOException("Cannot move '" + tmp + "' to '" + dir + "' (" + theirs.get() + ")", e);
        }
      }
      log.info("Unpacked Apicurio Registry in {} ms", (System.nanoTime() - start) / 1_000_000);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  private static Optional<Path> quarkusApp(Path dir) throws IOException {
    try (Stream<Path> s = Files.find(dir, 3,
        (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("quarkus-run.jar"))) {
      return s.findFirst().map(Path::getParent);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
