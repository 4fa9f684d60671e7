package dev.mephisto.store;

import java.util.Objects;

/**
 * Which table partition a store holds.
 *
 * @param appId the app id
 * @param table the table name
 * @param partition the partition number
 */
public record StoreSpec(String appId, String table, int partition) {
  /** Checks names and the partition. */
  public StoreSpec {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(table, "table");
    if (partition < 0) {
      throw new IllegalArgumentException("partition was '" + partition + "' but it should be >= 0");
    }
  }

  /** @return "table 'counts' partition 3", for messages */
  public String describe() {
    return "table '" + table + "' partition " + partition;
  }
}
