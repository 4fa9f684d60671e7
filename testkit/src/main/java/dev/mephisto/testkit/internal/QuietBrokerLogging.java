package dev.mephisto.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Turns the embedded broker's own loggers down to WARN, without choosing an SLF4J binding for the
 * user.
 *
 * <p>The broker logs through SLF4J (and through log4j-api for its logging-config endpoint only,
 * whose log4j-core default prints errors only). For slf4j-simple, the binding tests use here,
 * levels are read from system properties when a logger is first created, so setting them before
 * the broker's classes load is enough. A level the user has set, as a system property or in
 * {@code simplelogger.properties}, is left alone; a default level of WARN or quieter leaves
 * everything alone; and {@code -Dmephisto.kafka.logging=verbose} skips all of this. Logback and log4j users configure the
 * {@code kafka} and {@code org.apache.kafka} loggers in their own test configuration.
 */
public final class QuietBrokerLogging {
  /** System property that, set to {@code verbose}, keeps the broker's INFO logs. */
  public static final String SWITCH = "mephisto.kafka.logging";

  private static final String SIMPLE_PREFIX = "org.slf4j.simpleLogger.log.";
  private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final Set<String> QUIET = Set.of("warn", "error", "off");

  // Broker-side packages, so a test's own clients keep their levels (but for pure noise).
  private static final List<String> BROKER_LOGGERS =
      List.of(
          "kafka",
          "state.change.logger",
          "org.apache.kafka.server",
          "org.apache.kafka.controller",
          "org.apache.kafka.raft",
          "org.apache.kafka.metadata",
          "org.apache.kafka.image",
          "org.apache.kafka.storage",
          "org.apache.kafka.coordinator",
          "org.apache.kafka.queue",
          "org.apache.kafka.snapshot",
          "org.apache.kafka.security",
          "org.apache.kafka.network",
          "org.apache.kafka.common.network",
          "org.apache.kafka.common.security",
          "org.apache.kafka.common.utils.AppInfoParser",
          // Shared with clients, but they only dump configurations and metrics life cycles.
          "org.apache.kafka.common.config.AbstractConfig",
          "org.apache.kafka.common.metrics",
          "org.apache.kafka.common.telemetry",
          "org.apache.kafka.clients.NetworkClient");

  private QuietBrokerLogging() {}

  /** Applies the WARN levels, once per JVM is enough but repeating is harmless. */
  public static void apply() {
    if ("verbose".equalsIgnoreCase(System.getProperty(SWITCH, ""))) {
      return;
    }
    Properties file = simpleLoggerFile();
    String defaultLevel = setting(DEFAULT_LEVEL, file);
    if (defaultLevel != null
        && QUIET.contains(defaultLevel.strip().toLowerCase(java.util.Locale.ROOT))) {
      return;
    }
    for (String logger : BROKER_LOGGERS) {
      String key = SIMPLE_PREFIX + logger;
      if (setting(key, file) == null) {
        System.setProperty(key, "warn");
      }
    }
  }

  private static String setting(String key, Properties file) {
    String value = System.getProperty(key);
    return value != null ? value : file.getProperty(key);
  }

  private static Properties simpleLoggerFile() {
    Properties p = new Properties();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = QuietBrokerLogging.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream("simplelogger.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unreadable: treat as absent, as slf4j-simple does
    }
    return p;
  }
}
