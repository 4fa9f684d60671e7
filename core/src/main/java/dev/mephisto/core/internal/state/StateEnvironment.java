package dev.mephisto.core.internal.state;

import dev.mephisto.store.Stores;

/**
 * What every state partition of a worker shares: the store providers, the app id, where changelog
 * records go, and the write cache's budget.
 *
 * @param stores the store registry
 * @param appId the app id (stores are opened per app, table and partition)
 * @param changelog the worker's changelog sink
 * @param cache the worker's write-cache budget (disabled at 0 bytes)
 * @param exactlyOnce whether the worker runs exactly-once: stores never keep uncommitted writes
 */
public record StateEnvironment(Stores stores, String appId, ChangelogSink changelog,
    WorkerCache cache, boolean exactlyOnce) {
  /**
   * At-least-once.
   *
   * @param stores the store registry
   * @param appId the app id
   * @param changelog the worker's changelog sink
   * @param cache the worker's write-cache budget
   */
  public StateEnvironment(Stores stores, String appId, ChangelogSink changelog, WorkerCache cache) {
    this(stores, appId, changelog, cache, false);
  }
}
