package dev.mephisto;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Everything that describes a table before it exists. Immutable; {@code withX} returns a copy.
 *
 * <pre>{@code
 * Table<String, Long> counts = app.table(
 *     TableSpec.of("order_count", String.class, Long.class).withDefault(0L).withPartitions(12));
 * }</pre>
 *
 * @param name the table name; the changelog is {@code <app>-<name>-changelog}
 * @param keyType key type
 * @param valueType value type
 * @param defaultValue what {@link Table#getOrDefault} and {@link Table#update} see for absent keys;
 *     a value of a mutable class is copied for each key (through the table's value codec)
 * @param defaultSupplier makes the default for each absent key, when set instead of {@code
 *     defaultValue}: a fresh object per key ({@code ArrayList::new})
 * @param partitions partition count; empty means the source topic's, else the app's default
 * @param keyCodec key codec chain; empty means {@code json} (Faust's table default)
 * @param valueCodec value codec chain; empty means {@code json}
 * @param store store URL; empty means the app's {@code store} setting
 * @param standbyReplicas warm copies on other workers; empty means the app's setting
 * @param help a line shown by the {@code tables} command
 * @param <K> key type
 * @param <V> value type
 */
public record TableSpec<K, V>(
    String name,
    Class<K> keyType,
    Class<V> valueType,
    Optional<V> defaultValue,
    Optional<Supplier<V>> defaultSupplier,
    OptionalInt partitions,
    Optional<String> keyCodec,
    Optional<String> valueCodec,
    Optional<String> store,
    OptionalInt standbyReplicas,
    String help) {

  /** Checks names and counts. */
  public TableSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(defaultSupplier, "defaultSupplier");
    Objects.requireNonNull(partitions, "partitions");
    Objects.requireNonNull(keyCodec, "keyCodec");
    Objects.requireNonNull(valueCodec, "valueCodec");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(standbyReplicas, "standbyReplicas");
    Objects.requireNonNull(help, "help");
    // the name becomes part of the changelog topic and of store directories: Kafka's topic rules
    dev.mephisto.internal.Names.checkTopic("Table name", name,
        "the changelog is '<app>-" + name + "-changelog'; choose another name");
    if (partitions.isPresent() && partitions.getAsInt() < 1) {
      throw new ConfigurationException(
          "Table '" + name + "' partitions was '" + partitions.getAsInt() + "' but it should be >= 1");
    }
  }

  /**
   * @param name the table name
   * @param keyType key type
   * @param valueType value type
   * @return a spec with every option at its default
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> TableSpec<K, V> of(String name, Class<K> keyType, Class<V> valueType) {
    return new TableSpec<>(
        name, keyType, valueType, Optional.empty(), Optional.empty(), OptionalInt.empty(),
        Optional.empty(),
        Optional.empty(), Optional.empty(), OptionalInt.empty(), "");
  }

  /**
   * @param value the default for absent keys
   * @return a copy with that default
   */
  public TableSpec<K, V> withDefault(V value) {
    return new TableSpec<>(name, keyType, valueType, Optional.of(value), Optional.empty(),
        partitions, keyCodec, valueCodec, store, standbyReplicas, help);
  }

  /**
   * A default made for each absent key: what a mutable default needs, so that changing the
   * value one key got never changes what another key gets.
   *
   * <pre>{@code
   * Table<String, List<String>> seen = app.table(
   *     TableSpec.of("seen", String.class, listClass).withDefault(ArrayList::new));
   * }</pre>
   *
   * @param supplier called for each absent key; never returns null
   * @return a copy with that default
   */
  public TableSpec<K, V> withDefault(Supplier<V> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return new TableSpec<>(name, keyType, valueType, Optional.empty(), Optional.of(supplier),
        partitions, keyCodec, valueCodec, store, standbyReplicas, help);
  }

  /** @return true if absent keys have a default (a value or a supplier) */
  public boolean hasDefault() {
    return defaultValue.isPresent() || defaultSupplier.isPresent();
  }

  /**
   * @param count partition count
   * @return a copy with that partition count
   */
  public TableSpec<K, V> withPartitions(int count) {
    return new TableSpec<>(name, keyType, valueType, defaultValue, defaultSupplier,
        OptionalInt.of(count), keyCodec,
        valueCodec, store, standbyReplicas, help);
  }

  /**
   * @param spec key codec chain
   * @return a copy with that key codec
   */
  public TableSpec<K, V> withKeyCodec(String spec) {
    return new TableSpec<>(name, keyType, valueType, defaultValue, defaultSupplier,
        partitions, Optional.of(spec),
        valueCodec, store, standbyReplicas, help);
  }

  /**
   * @param spec value codec chain
   * @return a copy with that value codec
   */
  public TableSpec<K, V> withValueCodec(String spec) {
    return new TableSpec<>(name, keyType, valueType, defaultValue, defaultSupplier,
        partitions, keyCodec,
        Optional.of(spec), store, standbyReplicas, help);
  }

  /**
   * @param url a store URL such as {@code rocksdb:///var/lib/app}
   * @return a copy kept in that store
   */
  public TableSpec<K, V> withStore(String url) {
    return new TableSpec<>(name, keyType, valueType, defaultValue, defaultSupplier,
        partitions, keyCodec, valueCodec,
        Optional.of(url), standbyReplicas, help);
  }

  /**
   * @param count standby replicas
   * @return a copy with that many standbys
   */
  public TableSpec<K, V> withStandbyReplicas(int count) {
    return new TableSpec<>(name, keyType, valueType, defaultValue, defaultSupplier,
        partitions, keyCodec, valueCodec,
        store, OptionalInt.of(count), help);
  }

  /**
   * @param text a description
   * @return a copy with that help text
   */
  public TableSpec<K, V> withHelp(String text) {
    return new TableSpec<>(name, keyType, valueType, defaultValue, defaultSupplier,
        partitions, keyCodec, valueCodec,
        store, standbyReplicas, text);
  }

  /**
   * @param size window length
   * @return a windowed table of this table's name and types, with non-overlapping windows
   */
  @Experimental("new in this release")
  public WindowedTableSpec<K, V> tumbling(Duration size) {
    return WindowedTableSpec.tumbling(this, size);
  }

  /**
   * @param size window length
   * @param step distance between window starts, at most {@code size}
   * @return a windowed table with overlapping windows
   */
  @Experimental("new in this release")
  public WindowedTableSpec<K, V> hopping(Duration size, Duration step) {
    return WindowedTableSpec.hopping(this, size, step);
  }

  /**
   * @param size the largest time difference between two events of one window
   * @return a windowed table with sliding windows, as Kafka Streams' {@code SlidingWindows}
   */
  @Experimental("new in this release")
  public WindowedTableSpec<K, V> sliding(Duration size) {
    return WindowedTableSpec.sliding(this, size);
  }

  /**
   * @param gap the inactivity gap between two sessions of one key
   * @param merger combines the values of two sessions an event joins into one
   * @return a windowed table with session windows
   */
  @Experimental("new in this release")
  public WindowedTableSpec<K, V> session(Duration gap, java.util.function.BinaryOperator<V> merger) {
    return WindowedTableSpec.session(this, gap, merger);
  }

  /** @return a readable summary for logs, e.g. {@code table 'counts' (String -> Long)} */
  public String describe() {
    return "table '" + name + "' (" + keyType.getSimpleName() + " -> " + valueType.getSimpleName()
        + ")";
  }
}
