package dev.mephisto.core.internal.state;

/**
 * Work done under a partition's lock ({@link StatePartition#write}).
 *
 * @param <R> its result
 */
@FunctionalInterface
public interface PartitionTask<R> {
  /**
   * @param w the partition, locked
   * @return the result
   */
  R run(PartitionWriter w);
}
