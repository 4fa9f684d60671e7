package dev.mephisto.core.internal;

import dev.mephisto.SetTable;
import dev.mephisto.Table;
import dev.mephisto.TableSpec;
import dev.mephisto.core.internal.transport.TopicDefinition;
import java.util.List;

/** Tables plug in here (they live in their own package). */
public interface TableSupport extends WorkerListener {
  /**
   * @param spec the table
   * @param global whether every worker holds every partition
   * @return the table
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> Table<K, V> table(TableSpec<K, V> spec, boolean global);

  /**
   * @param name the table name
   * @param keyType key type
   * @param elementType element type
   * @return the table
   * @param <K> key type
   * @param <E> element type
   */
  <K, E> SetTable<K, E> setTable(String name, Class<K> keyType, Class<E> elementType);

  /** @return topics to create before the worker starts (changelogs) */
  List<TopicDefinition> topics();

  /** Called before the worker joins the group. */
  void start();

  /** Called after the worker left the group. */
  void stop();
}
