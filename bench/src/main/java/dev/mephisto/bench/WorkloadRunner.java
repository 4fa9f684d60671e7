package dev.mephisto.bench;

import java.util.List;

/**
 * One workload run by one implementation. The harness calls, in order: {@link #prepare}
 * (untimed), {@link #start} (the clock starts), then waits until the workload's completion
 * condition holds (the clock stops), then {@link #observe} and {@link #close}.
 *
 * <p>Implementations process records on their own threads, count them in {@link
 * RunContext#progress()}, and report a failure of those threads with {@link
 * RunContext#fail(Throwable)}.
 */
public interface WorkloadRunner extends AutoCloseable {

  /**
   * Creates what the run needs beyond the input topic (changelogs, ...); not timed.
   *
   * @param ctx the run
   * @throws Exception anything; the run is reported FAILED
   */
  default void prepare(RunContext ctx) throws Exception {}

  /**
   * Starts processing and returns; the work continues on the implementation's threads.
   *
   * @param ctx the run
   * @throws Exception anything; the run is reported FAILED
   */
  void start(RunContext ctx) throws Exception;

  /**
   * Called once the workload is complete: stops processing if needed and returns what was
   * computed.
   *
   * @param ctx the run
   * @return the implementation's results
   * @throws Exception anything; the run is reported FAILED
   */
  Observed observe(RunContext ctx) throws Exception;

  /**
   * The consumer groups whose committed offsets tell, from outside, that the run's result is
   * durable ({@link DurabilityObserver}); restore, which commits nothing, has none.
   *
   * @param ctx the run
   * @return the group ids this runner commits with
   */
  default List<String> groups(RunContext ctx) {
    return List.of();
  }

  /** Releases everything (threads, clients, local state); never throws a checked exception. */
  @Override
  void close();
}
