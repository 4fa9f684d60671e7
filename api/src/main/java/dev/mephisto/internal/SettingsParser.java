package dev.mephisto.internal;

import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.LifecycleListener;
import dev.mephisto.OnError;
import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.stream.StreamOperator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns setting values from code, a properties file and the environment into {@link AppSettings},
 * each later source winning, and fails on the first invalid one with its name, value and what is
 * allowed.
 */
public final class SettingsParser {
  /** Prefix of Kafka client properties among settings. */
  public static final String KAFKA_PREFIX = "kafka.";
  /** Prefix of codec configuration among settings. */
  public static final String CODEC_PREFIX = "codec.";
  /** Environment variable naming a properties file of settings. */
  public static final String SETTINGS_FILE_ENV = "MEPHISTO_SETTINGS_FILE";

  /** The longest app id: {@code <id>-reply-<uuid>} must stay a legal topic name. */
  public static final int MAX_APP_ID_LENGTH = Names.MAX_TOPIC_LENGTH - "-reply-".length() - 36;
  /** The longest duration a setting takes (durations are added to clock readings in nanoseconds). */
  public static final Duration MAX_DURATION = Duration.ofDays(36_500);

  private static final Map<String, String> DEFAULTS = defaults();
  private static final Pattern SERVER =
      Pattern.compile("(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):[0-9]{1,5}");

  private SettingsParser() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("broker", "kafka://localhost:9092");
    d.put("store", "memory://");
    d.put("processingGuarantee", "AT_LEAST_ONCE");
    d.put("topicPartitions", "8");
    d.put("topicReplicationFactor", "-1");
    d.put("createTopics", "true");
    d.put("commitInterval", "PT2.8S");
    d.put("commitEvery", "10000");
    d.put("streamBufferMaxSize", "4096");
    d.put("consumerAutoOffsetReset", "earliest");
    d.put("keyCodec", "raw");
    d.put("valueCodec", "json");
    d.put("onError", "DEAD_LETTER");
    d.put("deadLetterSuffix", ".dlq");
    d.put("tableStandbyReplicas", "1");
    d.put("tableCacheMaxBytes", Long.toString(10L << 20));
    d.put("webHost", "127.0.0.1");
    d.put("webPort", "6066");
    d.put("shutdownTimeout", "PT30S");
    d.put("allowedReplyTopics", "");
    d.put("webEnabled", "true");
    d.put("webAdvertisedHost", "");
    d.put("stallTimeout", "PT1M");
    d.put("stallFailsLiveness", "false");
    d.put("groupInstanceId", "");
    d.put("acceptableRecoveryLag", "10000");
    d.put("maxWarmupReplicas", "2");
    d.put("probingRebalanceInterval", "PT1M");
    return Map.copyOf(d);
  }

  /** @return the names of all plain settings, sorted */
  public static List<String> names() {
    return DEFAULTS.keySet().stream().sorted().toList();
  }

  /**
   * As {@link #parse(String, Map, Path, Map, List, List, List, Object, List)} without a meter
   * registry or listeners.
   *
   * @param id the app id
   * @param code values set in code
   * @param file a properties file, or null
   * @param env the environment
   * @param codecs codec providers registered in code
   * @param stores store providers registered in code
   * @param operators operators registered in code
   * @return the validated settings
   */
  public static AppSettings parse(
      String id,
      Map<String, String> code,
      @Nullable Path file,
      Map<String, String> env,
      List<CodecProvider> codecs,
      List<StoreProvider> stores,
      List<StreamOperator> operators) {
    return parse(id, code, file, env, codecs, stores, operators, null, List.of());
  }

  /**
   * @param id the app id
   * @param code values set in code
   * @param file a properties file, or null
   * @param env the environment
   * @param codecs codec providers registered in code
   * @param stores store providers registered in code
   * @param operators operators registered in code
   * @param meterRegistry the application's Micrometer registry, or null
   * @param listeners lifecycle listeners registered in code
   * @return the validated settings
   */
  public static AppSettings parse(
      String id,
      Map<String, String> code,
      @Nullable Path file,
      Map<String, String> env,
      List<CodecProvider> codecs,
      List<StoreProvider> stores,
      List<StreamOperator> operators,
      @Nullable Object meterRegistry,
      List<LifecycleListener> listeners) {
    if (id.isEmpty() || Names.firstIllegalChar(id) >= 0) {
      throw new ConfigurationException(
          "App id '" + id + "' is not valid; expected letters, digits, '.', '_' or '-'");
    }
    if (id.length() > MAX_APP_ID_LENGTH) {
      throw new ConfigurationException("App id '" + id + "' has " + id.length() + " characters "
          + "but it should have at most " + MAX_APP_ID_LENGTH + ": it prefixes the app's internal "
          + "topics (reply topics '<id>-reply-<uuid>' among them), whose names Kafka limits to "
          + Names.MAX_TOPIC_LENGTH + " characters; choose a shorter id");
    }
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    putChecked(v, code, "code");
    Path settingsFile = file;
    if (settingsFile == null && env.containsKey(SETTINGS_FILE_ENV)) {
      settingsFile = Path.of(env.get(SETTINGS_FILE_ENV));
    }
    if (settingsFile != null) {
      putChecked(v, readFile(settingsFile), "file '" + settingsFile + "'");
    }
    putChecked(v, fromEnvironment(env), "environment");

    Map<String, String> kafka = new TreeMap<>();
    Map<String, Object> codecConfig = new TreeMap<>();
    v.forEach((k, value) -> {
      if (k.startsWith(KAFKA_PREFIX)) {
        kafka.put(k.substring(KAFKA_PREFIX.length()), value);
      } else if (k.startsWith(CODEC_PREFIX)) {
        codecConfig.put(k.substring(CODEC_PREFIX.length()), value);
      }
    });

    String broker = v.get("broker");
    checkBroker(broker);
    String store = v.get("store");
    if (!store.matches("[a-z][a-z0-9+.-]*://.*")) {
      throw new ConfigurationException("Setting 'store' was '" + Redaction.redactUrls(store)
          + "' but it should be a URL such as 'memory://' or 'rocksdb:///var/lib/app'");
    }
    ProcessingGuarantee guarantee = enumSetting(v, "processingGuarantee", ProcessingGuarantee.class);
    if (guarantee == ProcessingGuarantee.EXACTLY_ONCE && broker.equals("memory://")) {
      throw new ConfigurationException("Setting 'processingGuarantee' was 'EXACTLY_ONCE' but "
          + "broker 'memory://' has no transactions; use a kafka:// broker for exactly-once, or "
          + "AT_LEAST_ONCE with memory://");
    }
    String suffix = nonEmpty(v, "deadLetterSuffix");
    int bad = Names.firstIllegalChar(suffix);
    if (bad >= 0) {
      throw new ConfigurationException("Setting 'deadLetterSuffix' was '" + suffix + "' but it "
          + "should make legal Kafka topic names '<topic>" + suffix + "': character '"
          + suffix.charAt(bad) + "' is not a letter, digit, '.', '_' or '-'; use e.g. '.dlq'");
    }
    String reset = v.get("consumerAutoOffsetReset");
    if (!reset.equals("earliest") && !reset.equals("latest")) {
      throw new ConfigurationException("Setting 'consumerAutoOffsetReset' was '" + reset
          + "' but it should be one of [earliest, latest]");
    }
    int webPort = intSetting(v, "webPort", 0);
    if (webPort > 65535) {
      throw new ConfigurationException(
          "Setting 'webPort' was '" + webPort + "' but it should be between 0 and 65535");
    }
    return new AppSettings(
        id,
        broker,
        store,
        guarantee,
        intSetting(v, "topicPartitions", 1),
        replicationFactor(v),
        boolSetting(v, "createTopics"),
        durationSetting(v, "commitInterval"),
        intSetting(v, "commitEvery", 1),
        intSetting(v, "streamBufferMaxSize", 1),
        reset,
        nonEmpty(v, "keyCodec"),
        nonEmpty(v, "valueCodec"),
        enumSetting(v, "onError", OnError.class),
        suffix,
        intSetting(v, "tableStandbyReplicas", 0),
        bytesSetting(v, "tableCacheMaxBytes"),
        nonEmpty(v, "webHost"),
        webPort,
        durationSetting(v, "shutdownTimeout"),
        replyTopics(v.get("allowedReplyTopics")),
        kafka,
        codecConfig,
        codecs,
        stores,
        operators,
        boolSetting(v, "webEnabled"),
        v.get("webAdvertisedHost").trim(),
        durationSetting(v, "stallTimeout"),
        boolSetting(v, "stallFailsLiveness"),
        groupInstanceId(v.get("groupInstanceId").trim()),
        intSetting(v, "acceptableRecoveryLag", 0),
        intSetting(v, "maxWarmupReplicas", 1),
        durationSetting(v, "probingRebalanceInterval"),
        Optional.ofNullable(meterRegistry),
        listeners);
  }

  /** Kafka takes the same characters and length for {@code group.instance.id} as for topics. */
  private static String groupInstanceId(String id) {
    if (id.isEmpty()) {
      return id;
    }
    int bad = Names.firstIllegalChar(id);
    if (bad >= 0 || id.length() > Names.MAX_TOPIC_LENGTH) {
      throw new ConfigurationException("Setting 'groupInstanceId' was '" + id + "' but it should "
          + "be 1 to " + Names.MAX_TOPIC_LENGTH + " letters, digits, '.', '_' or '-', unique per "
          + "worker and stable across its restarts (e.g. the pod name 'orders-0')");
    }
    return id;
  }

  /** {@code kafka://host:port[;host:port...]}: every server needs a host and a port. */
  private static void checkBroker(String broker) {
    if (broker.equals("memory://")) {
      return;
    }
    String shown = "Setting 'broker' was '" + Redaction.redactUrls(broker) + "'";
    String expected = "it should be 'kafka://host:port[;host:port...]' (every server with a host "
        + "and a port, e.g. 'kafka://localhost:9092') or 'memory://'";
    if (!broker.startsWith("kafka://") || broker.length() == "kafka://".length()) {
      throw new ConfigurationException(shown + " but " + expected);
    }
    for (String server : broker.substring("kafka://".length()).split("[;,]", -1)) {
      if (!SERVER.matcher(server).matches()) {
        int at = server.lastIndexOf('@');
        String shownServer = at < 0 ? server : "***" + server.substring(at);
        throw new ConfigurationException(shown + ": server '" + shownServer + "' has no valid "
            + "host and port; " + expected);
      }
      int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
      if (port < 1 || port > 65535) {
        throw new ConfigurationException(shown + ": port '" + port + "' of server '" + server
            + "' should be between 1 and 65535");
      }
    }
  }

  /** Comma-separated topic names, or prefixes ending in {@code *}. */
  private static List<String> replyTopics(String value) {
    List<String> out = new ArrayList<>();
    for (String entry : value.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      String name = e.endsWith("*") ? e.substring(0, e.length() - 1) : e;
      if (name.isEmpty() || Names.firstIllegalChar(name) >= 0) {
        throw new ConfigurationException("Setting 'allowedReplyTopics' has the entry '" + e
            + "' but each entry should be a topic name or a prefix ending in '*' (letters, "
            + "digits, '.', '_' or '-'), e.g. 'billing-reply-*,audit-replies'");
      }
      out.add(e);
    }
    return out;
  }

  private static void putChecked(Map<String, String> into, Map<String, String> from, String source) {
    from.forEach((k, value) -> {
      if (!DEFAULTS.containsKey(k) && !k.startsWith(KAFKA_PREFIX) && !k.startsWith(CODEC_PREFIX)) {
        throw new ConfigurationException("Unknown setting '" + k + "' in " + source
            + "; known settings: " + names() + ", and 'kafka.*', 'codec.*'");
      }
      into.put(k, value);
    });
  }

  private static Map<String, String> readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigurationException(
          "Cannot read settings file '" + file + "': " + e.getMessage(), e);
    }
    Map<String, String> m = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
    return m;
  }

  /**
   * Maps {@code MEPHISTO_TOPIC_PARTITIONS} to {@code topicPartitions}, {@code
   * MEPHISTO_KAFKA_SASL_MECHANISM} to {@code kafka.sasl.mechanism} and {@code
   * MEPHISTO_CODEC_SCHEMA_REGISTRY_URL} to {@code codec.schema.registry.url}.
   *
   * @param env the environment
   * @return settings named as in code
   */
  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> byEnvName = new LinkedHashMap<>();
    for (String name : DEFAULTS.keySet()) {
      byEnvName.put("MEPHISTO_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT), name);
    }
    Map<String, String> m = new LinkedHashMap<>();
    env.forEach((k, value) -> {
      if (!k.startsWith("MEPHISTO_") || k.equals(SETTINGS_FILE_ENV)) {
        return;
      }
      if (byEnvName.containsKey(k)) {
        m.put(byEnvName.get(k), value);
      } else if (k.startsWith("MEPHISTO_KAFKA_")) {
        m.put(KAFKA_PREFIX + dotted(k.substring("MEPHISTO_KAFKA_".length())), value);
      } else if (k.startsWith("MEPHISTO_CODEC_")) {
        m.put(CODEC_PREFIX + dotted(k.substring("MEPHISTO_CODEC_".length())), value);
      } else {
        throw new ConfigurationException("Unknown environment variable '" + k
            + "'; known: " + byEnvName.keySet() + ", MEPHISTO_KAFKA_*, MEPHISTO_CODEC_*");
      }
    });
    return m;
  }

  private static String dotted(String envPart) {
    return envPart.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static String nonEmpty(Map<String, String> v, String name) {
    String s = v.get(name);
    if (s.isBlank()) {
      throw new ConfigurationException(
          "Setting '" + name + "' was '" + s + "' but it should not be empty");
    }
    return s;
  }

  /** -1 (the default): the broker's {@code default.replication.factor}, as Kafka Streams. */
  private static int replicationFactor(Map<String, String> v) {
    String s = v.get("topicReplicationFactor");
    int n = intSetting(v, "topicReplicationFactor", -1);
    if (n == 0) {
      throw new ConfigurationException("Setting 'topicReplicationFactor' was '" + s + "' but it "
          + "should be >= 1, or -1 for the broker's default.replication.factor");
    }
    return n;
  }

  private static int intSetting(Map<String, String> v, String name, int min) {
    String s = v.get(name);
    int n;
    try {
      n = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "Setting '" + name + "' was '" + s + "' but it should be a whole number >= " + min, e);
    }
    if (n < min) {
      throw new ConfigurationException(
          "Setting '" + name + "' was '" + s + "' but it should be >= " + min);
    }
    return n;
  }

  private static final Map<String, Long> BYTE_UNITS = Map.of(
      "", 1L, "b", 1L, "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);
  private static final Pattern BYTES = Pattern.compile("(\\d{1,19})\\s*([A-Za-z]*)");

  /** A size: a whole number of bytes, optionally with a unit B, KiB, MiB or GiB. */
  private static long bytesSetting(Map<String, String> v, String name) {
    String s = v.get(name).trim();
    Matcher m = BYTES.matcher(s);
    if (m.matches()) {
      Long unit = BYTE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
      if (unit != null) {
        try {
          return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
          // too large: reported below
        }
      }
    }
    throw new ConfigurationException("Setting '" + name + "' was '" + s + "' but it should be a "
        + "whole number of bytes >= 0, optionally with a unit such as '10MiB', '512KiB' or '1GiB'; "
        + "0 turns the table write cache off");
  }

  private static boolean boolSetting(Map<String, String> v, String name) {
    String s = v.get(name).trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigurationException(
          "Setting '" + name + "' was '" + v.get(name) + "' but it should be one of [true, false]");
    };
  }

  private static Duration durationSetting(Map<String, String> v, String name) {
    String s = v.get(name).trim();
    Duration d;
    try {
      d = parseDuration(s);
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new ConfigurationException("Setting '" + name + "' was '" + s
          + "' but it should be a duration such as 'PT2.8S', '2800ms', '3s' or '1m'", e);
    }
    if (d.isNegative() || d.isZero()) {
      throw new ConfigurationException(
          "Setting '" + name + "' was '" + s + "' but it should be a positive duration");
    }
    if (d.compareTo(MAX_DURATION) > 0) {
      throw new ConfigurationException("Setting '" + name + "' was '" + s + "' but it should be "
          + "at most " + MAX_DURATION.toDays() + " days ('" + MAX_DURATION + "')");
    }
    return d;
  }

  /**
   * @param s ISO-8601 ({@code PT2.8S}) or a number with a unit: {@code ms}, {@code s}, {@code m},
   *     {@code h}
   * @return the duration
   */
  public static Duration parseDuration(String s) {
    if (s.startsWith("P") || s.startsWith("p")) {
      return Duration.parse(s);
    }
    Map<String, Function<Long, Duration>> units = Map.of(
        "ms", Duration::ofMillis, "s", Duration::ofSeconds, "m", Duration::ofMinutes,
        "h", Duration::ofHours);
    for (String unit : List.of("ms", "s", "m", "h")) {
      if (s.endsWith(unit)) {
        String number = s.substring(0, s.length() - unit.length()).trim();
        if (number.contains(".")) {
          double x = Double.parseDouble(number);
          long ms = Math.round(x * units.get(unit).apply(1L).toMillis());
          return Duration.ofMillis(ms);
        }
        return units.get(unit).apply(Long.parseLong(number));
      }
    }
    throw new NumberFormatException("no unit in '" + s + "'; expected one of " + Arrays.asList("ms", "s", "m", "h"));
  }

  private static <E extends Enum<E>> E enumSetting(Map<String, String> v, String name, Class<E> type) {
    String s = v.get(name).trim();
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Setting '" + name + "' was '" + s
          + "' but it should be one of " + Arrays.toString(type.getEnumConstants()), e);
    }
  }
}
