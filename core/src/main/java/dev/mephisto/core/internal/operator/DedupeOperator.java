package dev.mephisto.core.internal.operator;

import dev.mephisto.ConfigurationException;
import dev.mephisto.Event;
import dev.mephisto.Stream;
import dev.mephisto.core.internal.stream.AbstractStream;
import dev.mephisto.internal.SettingsParser;
import dev.mephisto.stream.OperatorContext;
import dev.mephisto.stream.OperatorState;
import dev.mephisto.stream.StreamOperator;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dedupe}: drops a value whose key was seen within the last {@code within} (default one
 * minute) of event time. The key is the record's key, or the value itself with {@code by=value}.
 * What was seen is durable operator state ({@code <app>-<agent>-dedupe-seen-changelog}, or
 * {@code -<name>-} with a {@code name} option), sharded like the stream and restored after a
 * restart or rebalance, so a duplicate is dropped also when it reaches another worker or the
 * same one after a restart. Entries expire {@code within} after they were last seen.
 */
public final class DedupeOperator implements StreamOperator {
  private static final Logger log = LoggerFactory.getLogger(DedupeOperator.class);

  @Override
  public String name() {
    return "dedupe";
  }

  @Override
  public <K, V> Stream<K, V> apply(Stream<K, V> upstream, Map<String, ?> config,
      OperatorContext context) {
    Duration within = Options.duration(config, "within", Duration.ofMinutes(1), name());
    if (within.toMillis() < 1) {
      throw new ConfigurationException("Operator 'dedupe' option 'within' was '" + within
          + "' but it should be at least 1 ms");
    }
    if (config.containsKey("maxKeys")) {
      Options.positiveInt(config, "maxKeys", 100_000, name());
      log.info("Operator 'dedupe' of agent '{}': option 'maxKeys' is ignored; what was seen is "
          + "kept durably and expires after 'within' ({})", context.agentName(), within);
    }
    String by = String.valueOf(config.containsKey("by") ? config.get("by") : "key");
    if (!by.equals("key") && !by.equals("value")) {
      throw new ConfigurationException("Operator 'dedupe' option 'by' was '" + by
          + "' but it should be one of [key, value]");
    }
    Options.onlyKnown(config, name(), "within", "maxKeys", "by", "name");
    boolean byValue = by.equals("value");
    AbstractStream<K, V> up = (AbstractStream<K, V>) upstream;
    Class<?> idType = byValue ? up.valueType() : up.root().keyType();
    if (idType == null) {
      throw new ConfigurationException("Operator 'dedupe' by value of agent '"
          + context.agentName() + "' keeps the values it saw, whose class a map hides; declare "
          + "it first with stream.map(...).withValueType(Type.class)");
    }
    return dedupe(upstream, context, idType, byValue, within);
  }

  private static <K, V, I> Stream<K, V> dedupe(Stream<K, V> upstream, OperatorContext context,
      Class<I> idType, boolean byValue, Duration within) {
    OperatorState<I, Long> seen = context.state("seen", idType, Long.class, within);
    return upstream.filter(v -> {
      Object id = byValue ? v : upstream.currentEvent().map(Event::key).orElse(null);
      if (id == null) {
        return true;
      }
      I typed = idType.cast(id);
      if (seen.get(typed).isPresent()) {
        return false;
      }
      seen.put(typed, context.eventTime().map(java.time.Instant::toEpochMilli)
          .orElseGet(System::currentTimeMillis));
      return true;
    });
  }

  /** Shared option parsing for the built-in operators. */
  static final class Options {
    private Options() {}

    static Duration duration(Map<String, ?> c, String key, Duration dflt, String op) {
      Object v = c.get(key);
      if (v == null) {
        return dflt;
      }
      if (v instanceof Duration d) {
        return d;
      }
      try {
        return SettingsParser.parseDuration(v.toString());
      } catch (RuntimeException e) {
        throw new ConfigurationException("Operator '" + op + "' option '" + key + "' was '" + v
            + "' but it should be a duration such as 'PT1M', '500ms' or '10s'", e);
      }
    }

    static int positiveInt(Map<String, ?> c, String key, int dflt, String op) {
      Object v = c.get(key);
      if (v == null) {
        return dflt;
      }
      try {
        int n = v instanceof Number num ? num.intValue() : Integer.parseInt(v.toString().trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigurationException("Operator '" + op + "' option '" + key + "' was '" + v
          + "' but it should be a whole number > 0");
    }

    static void onlyKnown(Map<String, ?> c, String op, String... known) {
      for (String k : c.keySet()) {
        boolean ok = false;
        for (String n : known) {
          ok |= Objects.equals(n, k);
        }
        if (!ok) {
          throw new ConfigurationException("Operator '" + op + "' has no option '" + k
              + "'; known: " + java.util.List.of(known));
        }
      }
    }
  }
}
