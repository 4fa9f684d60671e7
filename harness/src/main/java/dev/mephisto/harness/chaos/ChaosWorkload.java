package dev.mephisto.harness.chaos;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * The chaos app's own settings, as its workers read them.
 *
 * @param accounts how many accounts (keys of the count tables)
 * @param window size of the windowed table's tumbling windows
 * @param batchSize the batch agent's {@code take} size
 * @param batchWithin the batch agent's {@code take} time limit
 * @param sabotage deliberate faults (empty but for proving the checks)
 */
public record ChaosWorkload(int accounts, Duration window, int batchSize, Duration batchWithin,
    Set<Sabotage> sabotage) {

  /** Copies the set. */
  public ChaosWorkload {
    sabotage = Set.copyOf(sabotage);
  }

  /** @param p where to write these settings */
  public void write(Properties p) {
    p.setProperty("chaos.accounts", Integer.toString(accounts));
    p.setProperty("chaos.window", window.toString());
    p.setProperty("chaos.batchSize", Integer.toString(batchSize));
    p.setProperty("chaos.batchWithin", batchWithin.toString());
    p.setProperty("chaos.sabotage", Sabotage.format(sabotage));
  }

  /**
   * @param p written by {@link #write}
   * @return the settings
   */
  public static ChaosWorkload read(Properties p) {
    return new ChaosWorkload(Integer.parseInt(p.getProperty("chaos.accounts")),
        Duration.parse(p.getProperty("chaos.window")),
        Integer.parseInt(p.getProperty("chaos.batchSize")),
        Duration.parse(p.getProperty("chaos.batchWithin")),
        Sabotage.parse(p.getProperty("chaos.sabotage", "")));
  }
}
