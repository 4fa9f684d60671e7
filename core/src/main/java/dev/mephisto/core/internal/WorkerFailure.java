package dev.mephisto.core.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first failure that stops a worker, and the one ERROR line that names it: a later failure
 * (a consequence of the first, or of the stop) is logged at DEBUG, and one that comes while a
 * clean stop is under way (a restore abandoned because the worker stops) at INFO, so that a
 * clean stop logs no ERROR.
 */
final class WorkerFailure {
  private static final Logger log = LoggerFactory.getLogger(MephistoApp.class);

  private final String appId;
  private final AtomicReference<Throwable> first = new AtomicReference<>();

  WorkerFailure(String appId) {
    this.appId = appId;
  }

  /**
   * @param what what failed, e.g. {@code "The poll loop"}
   * @param error why
   * @param stopping true if a stop was requested before
   * @return true if this is the failure that stops the worker: the caller stops it
   */
  boolean report(String what, Throwable error, boolean stopping) {
    if (stopping && first.get() == null) {
      log.info("{} ended while app '{}' stops: {}", what, appId, Failures.describe(error));
      return false;
    }
    if (!first.compareAndSet(null, error)) {
      log.debug("{} failed after the worker of app '{}' began to stop for another failure: {}",
          what, appId, Failures.describe(error));
      return false;
    }
    if (Failures.explained(error)) {
      log.error("{} failed; the worker of app '{}' stops: {}", what, appId, Failures.describe(error));
      log.debug("Stack trace of the failure that stopped app '{}'", appId, error);
    } else {
      log.error("{} failed; the worker of app '{}' stops: {}", what, appId,
          Failures.describe(error), error);
    }
    return true;
  }

  /** @return the failure that stopped the worker, if one did */
  Optional<Throwable> get() {
    return Optional.ofNullable(first.get());
  }

  /** @return true once a failure stopped the worker */
  boolean happened() {
    return first.get() != null;
  }
}
