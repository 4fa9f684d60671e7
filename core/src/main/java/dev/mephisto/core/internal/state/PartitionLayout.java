package dev.mephisto.core.internal.state;

import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import java.util.List;

/**
 * What the owner of a partition's data (a windowed table, a join's window store) adds to the
 * partition's life: local entries derived from its logged entries, such as a {@link TimeIndex}.
 * Every method has a default.
 */
public interface PartitionLayout {
  /**
   * The store was opened, before anything is restored into it.
   *
   * @param store the plug-in store
   */
  default void opened(Store store) {}

  /**
   * Local entries a restored changelog record implies (index entries), applied with it.
   *
   * @param record a changelog record being restored
   * @param out where to add the derived records, with the record's offset
   */
  default void restored(ChangelogRecord record, List<ChangelogRecord> out) {}
}
