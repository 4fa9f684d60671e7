package dev.mephisto.examples;

import dev.mephisto.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the launcher was asked to do, from the command line, system properties ({@code
 * -Dexample=...}, {@code -Dbroker=...}, {@code -Dduration=...}, {@code -Dregistry=...}, {@code
 * -DstateDir=...}) and the environment ({@code MEPHISTO_BROKER}); the command line wins, then
 * system properties, then the environment.
 *
 * @param example the example's name; empty lists them
 * @param broker a {@code kafka://host:port} URL; empty starts an embedded broker
 * @param duration how long the example runs before it stops by itself
 * @param registry a Schema Registry URL for the Avro example; empty uses {@code mock://}
 * @param stateDir where examples with on-disk tables keep them; empty means a temporary directory
 * @param help true when {@code --help} was asked for
 */
public record LaunchOptions(
    Optional<String> example,
    Optional<String> broker,
    Duration duration,
    Optional<String> registry,
    Optional<Path> stateDir,
    boolean help) {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  /** How long an example runs when no duration is given. */
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

  /** The usage text printed by {@code --help}. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: ./mvnw -q -pl examples exec:java -Dexample=<name> [-Dexec.args=\"<options>\"]",
      "Options (also as -D<name>=<value>, e.g. -Dduration=30s):",
      "  --broker kafka://host:9092   use that Kafka cluster (else $MEPHISTO_BROKER, else an",
      "                               embedded broker started for this run)",
      "  --duration 30s               stop after this long (default "
          + DEFAULT_DURATION.toSeconds() + "s; Ctrl-C stops earlier)",
      "  --registry http://host:8081  Schema Registry for avro-purchases (default mock://)",
      "  --state-dir DIR              where on-disk state (RocksDB, H2) goes, -DstateDir=DIR",
      "                               (default: a temporary directory, deleted at the end)",
      "  --help                       this text");

  /** Checks nulls and the duration. */
  public LaunchOptions {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(stateDir, "stateDir");
    if (duration.isNegative() || duration.isZero()) {
      throw new ConfigurationException(
          "Option 'duration' was '" + duration + "' but it should be positive, e.g. '30s'");
    }
  }

  /**
   * @param args command line: an optional example name, then options
   * @param properties system properties
   * @param env environment variables
   * @return the options
   * @throws ConfigurationException for an unknown option or a bad value, naming it
   */
  public static LaunchOptions parse(
      String[] args, Map<String, String> properties, Map<String, String> env) {
    Map<String, String> given = new HashMap<>();
    List<String> positional = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else if (a.startsWith("--")) {
        String name = a.substring(2);
        String value;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new ConfigurationException("Option '" + a + "' needs a value, e.g. '" + a
              + " " + example(name) + "'");
        }
        if (!List.of("broker", "duration", "registry", "state-dir", "example").contains(name)) {
          throw new ConfigurationException("Unknown option '" + a + "'; expected --broker, "
              + "--duration, --registry, --state-dir or --help");
        }
        given.put(name, value);
      } else if (!a.isBlank()) {
        positional.add(a);
      }
    }
    if (positional.size() > 1) {
      throw new ConfigurationException("Expected one example name but got " + positional
          + "; run with -Dexample=list to see them");
    }
    Optional<String> example = first(
        given.get("example"), positional.isEmpty() ? null : positional.get(0),
        properties.get("example"));
    Optional<String> broker = first(
        given.get("broker"), properties.get("broker"), env.get("MEPHISTO_BROKER"));
    Optional<String> durationText = first(given.get("duration"), properties.get("duration"));
    Duration duration = DEFAULT_DURATION;
    if (durationText.isPresent()) {
      try {
        duration = parseDuration(durationText.get());
      } catch (RuntimeException e) {
        throw new ConfigurationException("Option 'duration' was '" + durationText.get()
            + "' but it should be a duration such as '30s', '2m' or 'PT45S'", e);
      }
    }
    Optional<String> registry = first(given.get("registry"), properties.get("registry"));
    Optional<Path> stateDir = first(given.get("state-dir"), properties.get("stateDir"))
        .map(Path::of);
    return new LaunchOptions(example, broker, duration, registry, stateDir, help);
  }

  /**
   * @param text {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 such as {@code PT45S}
   * @return the duration
   * @throws RuntimeException if the text is none of these
   */
  static Duration parseDuration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      return Duration.parse(s.toUpperCase(Locale.ROOT));
    }
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static String example(String option) {
    return switch (option) {
      case "broker" -> "kafka://localhost:9092";
      case "duration" -> "30s";
      case "registry" -> "http://localhost:8081";
      default -> "<value>";
    };
  }

  private static Optional<String> first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return Optional.of(c.trim());
      }
    }
    return Optional.empty();
  }
}
