package dev.mephisto.core.internal.table;

import dev.mephisto.TableSpec;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The default value of a table for one absent key. A supplier's default is made per key; a
 * default value of a mutable class is copied per key (through the table's codec), so that a
 * change to what one key got never shows under another key.
 */
final class Defaults {
  private Defaults() {}

  /**
   * @param spec the table's spec
   * @param key the absent key, for the message
   * @param copy copies a value (encode then decode)
   * @param what "Table" or "Windowed table", for the message
   * @param table the table's name
   * @return a default no other key shares, unless it is of an immutable class
   * @throws NoSuchElementException if the table has no default
   */
  static <K, V> V forKey(TableSpec<K, V> spec, Object key, UnaryOperator<V> copy, String what,
      String table) {
    if (spec.defaultSupplier().isPresent()) {
      return Objects.requireNonNull(spec.defaultSupplier().get().get(),
          () -> what + " '" + table + "': the default supplier returned null");
    }
    V v = spec.defaultValue().orElseThrow(() -> new NoSuchElementException(what + " '" + table
        + "' has no value for key '" + key + "' and no default; declare one with "
        + "TableSpec.withDefault(...) or app.table(name, keyType, valueType, default)"));
    return immutable(v) ? v : copy.apply(v);
  }

  private static boolean immutable(Object v) {
    return v instanceof String || v instanceof Number && v.getClass().getName().startsWith("java.")
        || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>
        || v instanceof java.time.temporal.TemporalAccessor && v.getClass().getName().startsWith("java.")
        || v instanceof java.time.Duration;
  }
}
