package dev.mephisto.core.internal.assign;

/**
 * What the assignor hands out: partition {@code partition} of every topic and table that has
 * {@code partitions} partitions. Topics and tables with the same partition count are
 * co-partitioned, so one worker holds the same partition number of all of them.
 *
 * @param partitions the partition count of the group of topics and tables
 * @param partition the partition number, {@code 0 <= partition < partitions}
 */
public record Unit(int partitions, int partition) implements Comparable<Unit> {
  /** Checks the numbers. */
  public Unit {
    if (partitions < 1 || partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException(
          "Unit partition " + partition + " of " + partitions + " is out of range");
    }
  }

  @Override
  public int compareTo(Unit o) {
    int c = Integer.compare(partitions, o.partitions);
    return c != 0 ? c : Integer.compare(partition, o.partition);
  }

  @Override
  public String toString() {
    return partition + "/" + partitions;
  }
}
