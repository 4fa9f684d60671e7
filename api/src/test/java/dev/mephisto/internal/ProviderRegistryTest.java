package dev.mephisto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loading rules every SPI shares, on a test-only SPI discovered from test service files. */
public class ProviderRegistryTest {
  /** A test SPI, so that nothing here leaks into the real codec or store discovery. */
  public interface Widget {
    /** @return the key */
    String key();

    /** @return the priority */
    default int priority() {
      return 0;
    }
  }

  /** Claims "alpha". */
  public static final class Alpha implements Widget {
    @Override
    public String key() {
      return "alpha";
    }
  }

  /** Also claims "alpha", with a higher priority. */
  public static final class BetterAlpha implements Widget {
    @Override
    public String key() {
      return "alpha";
    }

    @Override
    public int priority() {
      return 10;
    }
  }

  /** Also claims "alpha", with the same priority as {@link Alpha}. */
  public static final class OtherAlpha implements Widget {
    @Override
    public String key() {
      return "alpha";
    }
  }

  /** Claims "beta". */
  public static final class Beta implements Widget {
    @Override
    public String key() {
      return "beta";
    }
  }

  /** Fails in its constructor, as a provider missing a dependency would. */
  public static final class Broken implements Widget {
    /** Always throws. */
    public Broken() {
      throw new IllegalStateException("needs libfoo");
    }

    @Override
    public String key() {
      return "broken";
    }
  }

  /** Claims a key that is not lower-case. */
  public static final class BadKey implements Widget {
    @Override
    public String key() {
      return "Bad Key";
    }
  }

  @TempDir
  Path dir;

  private ProviderRegistry<Widget> load(Collection<? extends Widget> inCode, List<List<Class<?>>> jars)
      throws IOException {
    List<URL> urls = new ArrayList<>();
    int n = 0;
    for (List<Class<?>> jar : jars) {
      Path root = dir.resolve("jar" + n++);
      Path services = root.resolve("META-INF/services");
      Files.createDirectories(services);
      Files.write(services.resolve(Widget.class.getName()),
          jar.stream().map(c -> c == Void.class ? "com.example.Missing" : c.getName()).toList());
      urls.add(root.toUri().toURL());
    }
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), before)) {
      thread.setContextClassLoader(loader);
      return ProviderRegistry.load(Widget.class, "widget", Widget::key, Widget::priority, inCode,
          k -> "add the widget jar");
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private ProviderRegistry<Widget> load(List<Class<?>> classes) throws IOException {
    return load(List.of(), List.of(classes));
  }

  @Test
  void findsProvidersByKey() throws IOException {
    ProviderRegistry<Widget> r = load(List.of(Alpha.class, Beta.class));
    assertEquals(List.of("alpha", "beta"), r.keys());
    assertInstanceOf(Beta.class, r.get("beta", ""));
    assertTrue(r.find("gamma").isEmpty());
  }

  @Test
  void sameClassTwiceOnTheClassPathIsNotAConflict() throws IOException {
    ProviderRegistry<Widget> r = load(List.of(), List.of(List.of(Alpha.class), List.of(Alpha.class)));
    assertInstanceOf(Alpha.class, r.get("alpha", ""));
  }

  @Test
  void higherPriorityDecidesBetweenTwoClassesOfOneKey() throws IOException {
    assertInstanceOf(BetterAlpha.class, load(List.of(Alpha.class, BetterAlpha.class)).get("alpha", ""));
    assertInstanceOf(BetterAlpha.class, load(List.of(BetterAlpha.class, Alpha.class)).get("alpha", ""));
  }

  @Test
  void tieBetweenTwoClassesOfOneKeyFailsNamingBoth() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> load(List.of(Alpha.class, OtherAlpha.class)));
    assertEquals("Two widget providers claim the name 'alpha': [" + Alpha.class.getName()
        + " (priority 0), " + OtherAlpha.class.getName() + " (priority 0)]; remove one jar from "
        + "the class path, give one a higher priority(), or register the one you want in code",
        e.getMessage());
  }

  @Test
  void registeredInCodeWinsOverDiscovered() throws IOException {
    Widget mine = () -> "alpha";
    ProviderRegistry<Widget> r = load(List.of(mine), List.of(List.of(BetterAlpha.class)));
    assertSame(mine, r.get("alpha", ""));
    Widget extra = () -> "beta";
    assertSame(extra, r.with(List.of(extra)).get("beta", ""));
  }

  @Test
  void registeringInCodeSettlesATieAsTheMessageSays() throws IOException {
    Widget mine = () -> "alpha";
    ProviderRegistry<Widget> r =
        load(List.of(mine), List.of(List.of(Alpha.class, OtherAlpha.class)));
    assertSame(mine, r.get("alpha", ""));
  }

  @Test
  void providerWhoseConstructorThrowsIsIsolatedAndReported() throws IOException {
    ProviderRegistry<Widget> r = load(List.of(Alpha.class, Broken.class, Void.class, Beta.class));
    assertEquals(List.of("alpha", "beta"), r.keys());
    assertEquals(2, r.failures().size(), r.failures()::toString);
    assertTrue(r.failures().stream().anyMatch(f -> f.startsWith(Broken.class.getName())
        && f.contains("needs libfoo")), r.failures()::toString);
    assertTrue(r.failures().stream().anyMatch(f -> f.contains("com.example.Missing")),
        r.failures()::toString);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> r.get("broken", "in 'x'"));
    assertTrue(e.getMessage().startsWith("Unknown widget 'broken' in 'x'; available: [alpha, beta]; "
        + "add the widget jar; providers that failed to load: ["), e.getMessage());
  }

  @Test
  void unknownKeySuggestsTheClosestOne() throws IOException {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> load(List.of(Alpha.class)).get("alpah", ""));
    assertEquals("Unknown widget 'alpah'; available: [alpha]; did you mean 'alpha'?; add the "
        + "widget jar", e.getMessage());
  }

  @Test
  void keyThatIsNotLowerCaseFails() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> load(List.of(BadKey.class)));
    assertEquals("The widget provider " + BadKey.class.getName() + " has the key 'Bad Key' but it "
        + "should be lower-case letters, digits, '_', '.', '+' or '-'", e.getMessage());
  }

}
