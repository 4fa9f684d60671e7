package dev.mephisto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** Conventions every api package and the API marked as still changing keep. */
class ApiConventionsTest {
  private static Set<String> apiPackages() throws IOException, URISyntaxException {
    Path root = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(f -> f.toString().endsWith(".class")).forEach(f -> packages.add(
          root.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(),
              ".")));
    }
    return packages;
  }

  @Test
  void everyApiPackageIsNullMarked() throws Exception {
    Set<String> packages = apiPackages();
    assertTrue(packages.containsAll(List.of("dev.mephisto", "dev.mephisto.codec",
        "dev.mephisto.internal", "dev.mephisto.spi", "dev.mephisto.store",
        "dev.mephisto.stream", "dev.mephisto.web")), packages::toString);
    for (String p : packages) {
      Class<?> info = Class.forName(p + ".package-info");
      assertNotNull(info.getAnnotation(NullMarked.class), () -> p + " is not @NullMarked");
    }
  }

  @Test
  void experimentalIsDocumentedAndKeptAtRunTime() {
    assertNotNull(Experimental.class.getAnnotation(Documented.class));
    assertEquals(RetentionPolicy.RUNTIME,
        Experimental.class.getAnnotation(Retention.class).value());
  }

  @Test
  void newApiIsMarkedExperimental() throws Exception {
    for (Class<?> type : List.of(TopicPattern.class, MessageBuilder.class, WindowedTable.class,
        LifecycleListener.class, WorkerState.class, RestoreProgress.class,
        dev.mephisto.web.Page.class, dev.mephisto.web.PageRequest.class,
        dev.mephisto.web.PageResponse.class)) {
      assertNotNull(type.getAnnotation(Experimental.class), type::getName);
    }
    assertNotNull(Topic.class.getMethod("message", Object.class)
        .getAnnotation(Experimental.class));
    assertNotNull(App.class.getMethod("agent", List.class).getAnnotation(Experimental.class));
    assertNotNull(App.class.getMethod("agent", TopicPattern.class)
        .getAnnotation(Experimental.class));
    assertNotNull(App.class.getMethod("topicPattern", Pattern.class, Class.class, Class.class)
        .getAnnotation(Experimental.class));
    assertNotNull(App.class.getMethod("page", String.class, dev.mephisto.web.Page.class)
        .getAnnotation(Experimental.class));
    assertNotNull(App.class.getMethod("listener", LifecycleListener.class)
        .getAnnotation(Experimental.class));
    assertNotNull(AppBuilder.class.getMethod("meterRegistry", Object.class)
        .getAnnotation(Experimental.class));
  }
}
