package dev.mephisto;

/**
 * Options of timers, crontabs and background tasks.
 *
 * @param onLeader when true, only the group's leader (one worker) runs the task
 */
public record TaskOptions(boolean onLeader) {
  private static final TaskOptions EVERY_WORKER = new TaskOptions(false);
  private static final TaskOptions LEADER = new TaskOptions(true);

  /** @return the task runs on every worker (the default) */
  public static TaskOptions everyWorker() {
    return EVERY_WORKER;
  }

  /** @return the task runs on exactly one worker of the group: the leader */
  public static TaskOptions onLeaderOnly() {
    return LEADER;
  }
}
