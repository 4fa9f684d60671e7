package dev.mephisto.testkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioDistributionTest {
  private static final String[] PROPERTIES = {"maven.repo.local", "mephisto.apicurio.archive",
      "mephisto.apicurio.version", "mephisto.registry.cache"};
  private final Map<String, String> saved = new HashMap<>();

  @TempDir
  Path tmp;

  @BeforeEach
  void save() {
    for (String p : PROPERTIES) {
      saved.put(p, System.getProperty(p));
      System.clearProperty(p);
    }
  }

  @AfterEach
  void restore() {
    saved.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
  }

  @Test
  void missingArchiveNamesPathAndTheDependencyToAdd() {
    System.setProperty("maven.repo.local", tmp.toString());
    ConfigurationException e = assertThrows(ConfigurationException.class, ApicurioDistribution::archive);
    String m = e.getMessage();
    assertTrue(m.contains(tmp.resolve("io/apicurio/apicurio-registry-app/3.3.3/"
        + "apicurio-registry-app-3.3.3-all.tar.gz").toString()), m);
    assertTrue(m.contains("<artifactId>apicurio-registry-app</artifactId>"), m);
    assertTrue(m.contains("<classifier>all</classifier>"), m);
    assertTrue(m.contains("<type>tar.gz</type>"), m);
  }

  @Test
  void findsArchiveOfTheConfiguredVersionInTheGivenRepository() throws Exception {
    System.setProperty("maven.repo.local", tmp.toString());
    System.setProperty("mephisto.apicurio.version", "9.9.9");
    Path dir = Files.createDirectories(tmp.resolve("io/apicurio/apicurio-registry-app/9.9.9"));
    Path archive = Files.createFile(dir.resolve("apicurio-registry-app-9.9.9-all.tar.gz"));
    assertEquals(archive, ApicurioDistribution.archive());
  }

  @Test
  void explicitArchiveThatDoesNotExistIsReported() {
    System.setProperty("mephisto.apicurio.archive", tmp.resolve("nope.tar.gz").toString());
    ConfigurationException e = assertThrows(ConfigurationException.class, ApicurioDistribution::archive);
    assertTrue(e.getMessage().contains("nope.tar.gz"), e.getMessage());
  }

  private Path distribution(String sha512) throws IOException {
    Path archive = new TestTar()
        .entry("apicurio/quarkus-app/quarkus-run.jar", '0', "run jar".getBytes(StandardCharsets.UTF_8))
        .entry("apicurio/quarkus-app/lib/a.jar", '0', "library a".getBytes(StandardCharsets.UTF_8))
        .write(tmp.resolve("dist.tar.gz"));
    String hex = sha512 != null ? sha512 : TarGz.list(archive, "SHA-512").archiveDigest();
    Files.writeString(tmp.resolve("dist.tar.gz.sha512"), hex + "  dist.tar.gz\n");
    System.setProperty("mephisto.apicurio.archive", archive.toString());
    System.setProperty("mephisto.registry.cache", tmp.resolve("cache").toString());
    return archive;
  }

  @Test
  void aTamperedCacheIsNeverUsedButUnpackedAgain() throws Exception {
    distribution(null);
    Path app = ApicurioDistribution.unpacked();
    assertEquals("run jar", Files.readString(app.resolve("quarkus-run.jar")));
    Path lib = app.resolve("lib/a.jar");
    Files.writeString(lib, "planted code");
    Files.writeString(app.resolve("lib/extra.jar"), "more planted code");
    assertEquals(app, ApicurioDistribution.unpacked());
    assertEquals("library a", Files.readString(lib), "the tampered file was replaced");
    assertFalse(Files.exists(app.resolve("lib/extra.jar")), "the planted file is gone");
    Files.delete(app.resolve("quarkus-run.jar"));
    Files.createDirectories(app.getParent().resolve(".unpacked")); // a marker proves nothing
    assertEquals("run jar", Files.readString(ApicurioDistribution.unpacked().resolve("quarkus-run.jar")));
  }

  @Test
  void anArchiveThatDoesNotMatchItsPublishedChecksumIsRefused() throws Exception {
    distribution("ab".repeat(64));
    MephistoException e = assertThrows(MephistoException.class, ApicurioDistribution::unpacked);
    assertTrue(e.getMessage().contains("has SHA-512 '") && e.getMessage().contains(
        "the file is corrupt or was replaced"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("cache").resolve(ApicurioDistribution.version() + "-abababababababab")));
  }

  @Test
  void anArchiveWithoutAPublishedChecksumIsRefused() throws Exception {
    distribution(null);
    Files.delete(tmp.resolve("dist.tar.gz.sha512"));
    ConfigurationException e = assertThrows(ConfigurationException.class, ApicurioDistribution::unpacked);
    assertTrue(e.getMessage().startsWith("Cannot verify '"), e.getMessage());
  }

  @Test
  void theCacheIsTheUsersOwnNotTheSharedTempDirectory() throws Exception {
    Path root = ApicurioDistribution.cacheRoot();
    assertFalse(root.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()), root::toString);
    if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    }
    distribution(null);
    Path cache = ApicurioDistribution.cacheRoot();
    assertEquals(tmp.resolve("cache").toAbsolutePath(), cache);
  }

  @Test
  void theDefaultArchiveHasTheSha512MavenCentralPublishes() throws Exception {
    Path archive = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "apicurio",
        "apicurio-registry-app", ApicurioDistribution.DEFAULT_VERSION, "apicurio-registry-app-"
            + ApicurioDistribution.DEFAULT_VERSION + "-all.tar.gz");
    assumeTrue(Files.isRegularFile(archive), "the distribution is in ~/.m2");
    ApicurioDistribution.Checksum expected = ApicurioDistribution.expectedChecksum(archive);
    assertEquals("SHA-512", expected.algorithm());
    assertEquals(expected.hex(), TarGz.list(archive, "SHA-512").archiveDigest());
  }
}
