package dev.mephisto.testkit.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioDistributionTest {
  private static final String[] PROPERTIES = {"maven.repo.local", "mephisto.apicurio.archive",
      "mephisto.apicurio.version"};
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
}
