package dev.mephisto;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the restore of one table partition from its changelog is, as {@link
 * LifecycleListener#onRestoreProgress} reports it.
 *
 * @param table the table name
 * @param partition the table partition
 * @param recordsRestored changelog records applied so far
 * @param recordsTotal records to apply (end offset minus start offset; compaction and
 *     transaction markers make the real number smaller)
 * @param recordsPerSecond the rate since the restore began
 * @param eta time left at that rate, when it can be told
 * @param done true once the partition is restored
 */
@Experimental("new in this release")
public record RestoreProgress(
    String table,
    int partition,
    long recordsRestored,
    long recordsTotal,
    double recordsPerSecond,
    Optional<Duration> eta,
    boolean done) {

  /** Checks nulls. */
  public RestoreProgress {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(eta, "eta");
  }

  /** @return the share restored, from 0 to 1 (1 when there was nothing to restore) */
  public double fraction() {
    return done || recordsTotal <= 0 ? 1.0 : Math.min(1.0, (double) recordsRestored / recordsTotal);
  }
}
