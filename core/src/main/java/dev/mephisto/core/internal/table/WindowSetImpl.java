package dev.mephisto.core.internal.table;

import dev.mephisto.Window;
import dev.mephisto.WindowSet;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.state.StatePartition;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The windows of one key, read when asked. Missing windows read as the table's default.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class WindowSetImpl<K, V> implements WindowSet<V> {
  private final WindowedTableImpl<K, V> table;
  private final K key;
  private final byte[] keyBytes;
  private final Delivery delivery;
  private final StatePartition home;

  WindowSetImpl(WindowedTableImpl<K, V> table, K key, byte[] keyBytes, Delivery delivery,
      StatePartition home) {
    this.table = table;
    this.key = key;
    this.keyBytes = keyBytes;
    this.delivery = delivery;
    this.home = home;
  }

  private V at(long t) {
    return table.valueAt(keyBytes, t).orElseGet(() -> table.defaultFor(key));
  }

  @Override
  public V now() {
    return at(System.currentTimeMillis());
  }

  @Override
  public V current() {
    return at(table.streamTimeFor(delivery, home));
  }

  @Override
  public V delta(Duration ago) {
    Objects.requireNonNull(ago, "ago");
    return at(table.streamTimeFor(delivery, home) - ago.toMillis());
  }

  @Override
  public V value() {
    return at(table.sourceTimeFor(delivery, home));
  }

  @Override
  public Optional<V> get(Window window) {
    Objects.requireNonNull(window, "window");
    return table.read(keyBytes, window);
  }

  @Override
  public String toString() {
    return "WindowSet[" + table.name() + ", " + key + "]";
  }
}
