package dev.mephisto.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mephisto.App;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The app-lifecycle extension, run in a nested engine over apps that record their calls. */
class TestAppsTest {
  static final List<String> events = new CopyOnWriteArrayList<>();
  static final List<Path> directories = new CopyOnWriteArrayList<>();

  /** An app that records start and stop; the runtime is not on testkit's class path. */
  static App recording(String id, boolean failOnStop) {
    return (App) Proxy.newProxyInstance(App.class.getClassLoader(), new Class<?>[] {App.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "id" -> id;
          case "start" -> {
            events.add("start " + id);
            yield null;
          }
          case "stop" -> {
            events.add("stop " + id);
            if (failOnStop) {
              throw new IllegalStateException("broker gone");
            }
            yield null;
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "App[" + id + "]";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static Events run(Class<?> testClass) {
    events.clear();
    directories.clear();
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
        .testEvents();
  }

  @Test
  void stopsEachTestsAppsLastBuiltFirstThenDeletesItsDirectories() {
    run(TwoTests.class).assertStatistics(s -> s.succeeded(2).failed(0));
    assertEquals(List.of("start a", "start b", "test 1", "stop b", "stop a", "test 2", "stop c"),
        events);
    assertEquals(3, directories.size());
    directories.forEach(d -> assertFalse(Files.exists(d), () -> d + " deleted"));
  }

  @Test
  void aStopThatFailsFailsTheTestAfterEveryAppStopped() {
    Events e = run(FailingStop.class);
    e.assertStatistics(s -> s.failed(1));
    assertEquals(List.of("test", "stop ok", "stop bad", "stop first"), events);
    Throwable thrown = e.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertTrue(thrown.getMessage().contains("Stopping app 'bad' after the test failed"),
        thrown.getMessage());
  }

  /** Only run through {@link EngineTestKit} above (Surefire skips nested classes). */
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class TwoTests {
    @RegisterExtension final TestApps apps = new TestApps();

    @Test
    void test1() throws IOException {
      apps.started(recording("a", false));
      apps.started(recording("b", false));
      Path dir = apps.directory("state");
      Files.writeString(dir.resolve("sub-file"), "x");
      Files.createDirectories(dir.resolve("nested/deeper"));
      directories.add(dir);
      String url = apps.rocksdb("store");
      assertTrue(url.startsWith("rocksdb:///"), url);
      directories.add(Path.of(url.substring("rocksdb://".length())));
      events.add("test 1");
    }

    @Test
    void test2() {
      apps.track(recording("c", false));
      directories.add(apps.directory("other"));
      events.add("test 2");
    }
  }

  /** Only run through {@link EngineTestKit} above. */
  static class FailingStop {
    @RegisterExtension final TestApps apps = new TestApps();

    @Test
    void test() {
      apps.track(recording("first", false));
      apps.track(recording("bad", true));
      apps.track(recording("ok", false));
      events.add("test");
    }
  }
}
