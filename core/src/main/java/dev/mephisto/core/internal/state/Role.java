package dev.mephisto.core.internal.state;

/** What this worker does with one state partition. */
public enum Role {
  /** Not held: no store open. */
  NONE,
  /** Held actively: reads and writes, restored before agents get its records. */
  ACTIVE,
  /** Was active until a rebalance began; the store stays open in case it comes back. */
  SUSPENDED,
  /** A warm copy following the changelog in the background. */
  STANDBY,
  /** A partition of a global table: followed in the background, readable and writable. */
  GLOBAL,
  /** The app has not started (test contexts): a local store without changelog. */
  DETACHED;

  /** @return true if reads see this partition */
  public boolean readable() {
    return this == ACTIVE || this == GLOBAL || this == DETACHED;
  }

  /** @return true if writes go to this partition */
  public boolean writable() {
    return this == ACTIVE || this == GLOBAL || this == DETACHED;
  }
}
