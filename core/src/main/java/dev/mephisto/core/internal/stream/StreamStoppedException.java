package dev.mephisto.core.internal.stream;

/** Thrown out of a stream when its agent is being stopped; agents let it pass. */
public final class StreamStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates it. */
  public StreamStoppedException() {
    super("agent stopped", null, false, false);
  }
}
