package dev.mephisto.core.internal.operator;

import dev.mephisto.ConfigurationException;
import dev.mephisto.Event;
import dev.mephisto.Stream;
import dev.mephisto.internal.SettingsParser;
import dev.mephisto.stream.StreamOperator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code dedupe}: drops a value whose key was seen within the last {@code within} (default one
 * minute), keeping at most {@code maxKeys} keys (default 100 000, oldest forgotten first). The
 * key is the record's key, or the value itself with {@code by=value}.
 */
public final class DedupeOperator implements StreamOperator {
  @Override
  public String name() {
    return "dedupe";
  }

  @Override
  public <K, V> Stream<K, V> apply(Stream<K, V> upstream, Map<String, ?> config) {
    Duration within = Options.duration(config, "within", Duration.ofMinutes(1), name());
    int maxKeys = Options.positiveInt(config, "maxKeys", 100_000, name());
    String by = String.valueOf(config.containsKey("by") ? config.get("by") : "key");
    if (!by.equals("key") && !by.equals("value")) {
      throw new ConfigurationException("Operator 'dedupe' option 'by' was '" + by
          + "' but it should be one of [key, value]");
    }
    Options.onlyKnown(config, name(), "within", "maxKeys", "by");
    long windowNanos = within.toNanos();
    Map<Object, Long> seen = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Object, Long> eldest) {
        return size() > maxKeys;
      }
    };
    boolean byValue = by.equals("value");
    return upstream.filter(v -> {
      Object key = byValue ? v : upstream.currentEvent().map(Event::key).orElse(null);
      if (key == null) {
        return true;
      }
      long now = System.nanoTime();
      Long last = seen.get(key);
      if (last != null && now - last < windowNanos) {
        return false;
      }
      seen.remove(key); // re-insert so iteration order stays oldest-first
      seen.put(key, now);
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
