package dev.mephisto.core.internal.state;

/**
 * Thrown by {@link StatePartition#write} when the partition is not writable on this worker (any
 * more): the caller waits for the role to change, or drops the write of a revoked record. One
 * instance without a stack trace: it is control flow around rebalances, not an error.
 */
public final class NotWritableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  static final NotWritableException INSTANCE = new NotWritableException();

  private NotWritableException() {
    super("the partition is not writable on this worker", null, false, false);
  }
}
