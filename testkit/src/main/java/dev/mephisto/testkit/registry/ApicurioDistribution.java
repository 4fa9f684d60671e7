package dev.mephisto.testkit.registry;

import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Apicurio Registry's Quarkus distribution ({@code io.apicurio:apicurio-registry-app},
 * classifier {@code all}, type {@code tar.gz}) in the local Maven repository and unpacks it once
 * into a cache directory shared by every test JVM of the machine.
 */
final class ApicurioDistribution {
  private static final Logger log = LoggerFactory.getLogger(ApicurioDistribution.class);

  /** The version used when {@code -Dmephisto.apicurio.version} is not set. */
  static final String DEFAULT_VERSION = "3.3.3";

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
   * @return the directory holding {@code quarkus-run.jar}, unpacked on first use
   */
  static Path unpacked() {
    Path archive = archive();
    Path cacheRoot = Path.of(System.getProperty("mephisto.registry.cache",
        Path.of(System.getProperty("java.io.tmpdir"), "mephisto-apicurio-registry").toString()));
    try {
      long size = Files.size(archive);
      Path dir = cacheRoot.resolve(version() + "-" + Long.toHexString(size));
      Path marker = dir.resolve(".unpacked");
      if (!Files.exists(marker)) {
        unpack(archive, dir, marker);
      }
      return quarkusApp(dir).orElseThrow(() -> new MephistoException("No quarkus-run.jar in '"
          + dir + "' unpacked from '" + archive + "'; delete the directory and try again, or check"
          + " that the archive is Apicurio Registry's 'all' distribution"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack '" + archive + "' into '" + cacheRoot + "'", e);
    }
  }

  /** Unpacks into a private directory, then renames it into place, so racing JVMs are safe. */
  private static void unpack(Path archive, Path dir, Path marker) throws IOException {
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp-");
    long start = System.nanoTime();
    log.info("Unpacking {} into {}", archive, dir);
    try {
      TarGz.extract(archive, tmp);
      Files.createFile(tmp.resolve(".unpacked"));
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        if (!Files.exists(marker)) {
          deleteTree(dir); // a half-unpacked leftover of a killed JVM
          Files.move(tmp, dir);
        }
      } catch (IOException e) {
        if (!Files.exists(marker)) {
          throw e;
        }
        // another JVM won the race (non-empty target): use its copy
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
