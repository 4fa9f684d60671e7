package dev.mephisto.core;

import java.util.concurrent.atomic.AtomicBoolean;

/** Set by {@link Canary}; kept apart so that reading them does not load the canary itself. */
final class CanaryFlags {
  static final AtomicBoolean CONSTRUCTED = new AtomicBoolean();

  private CanaryFlags() {}
}
