package dev.mephisto.core.internal;

import dev.mephisto.MephistoException;
import dev.mephisto.ProcessingGuarantee;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import dev.mephisto.core.internal.transport.RebalanceHandler;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's poll loop, on one platform thread: fetches records, hands each to the agents that
 * subscribe to its topic, pauses partitions whose buffers are full, and commits the done offsets
 * every {@code commitInterval} or {@code commitEvery} records, on revoke and on shutdown.
 */
public final class Conductor implements RebalanceHandler {
  private static final Logger log = LoggerFactory.getLogger(Conductor.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration PAUSED_POLL = Duration.ofMillis(2);
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);

  private final AppServices services;
  private final Supplier<Collection<AgentRuntime<?, ?>>> agents;
  private final List<WorkerListener> listeners;
  private final String leaderTopic;
  private final BiConsumer<String, Throwable> fatal;
  private final Map<TopicPartition, PartitionTracker> trackers = new HashMap<>();
  // dispatch's view of trackers and subscriptions (polling thread only)
  private Map<String, PartitionTracker[]> trackerIndex = Map.of();
  private String lastTopic;
  private boolean lastIsLeader;
  private List<AgentRuntime<?, ?>> lastSubs = List.of();
  private PartitionTracker[] lastTrackers;
  private static final Delivery[] NO_DELIVERIES = {};
  private final List<Delivery> run = new ArrayList<>(); // one partition's records of this poll
  private String runTopic;
  private int runPartition;
  private List<AgentRuntime<?, ?>> runSubs = List.of();
  private PartitionTracker runTracker;
  // assigned partitions paused until their tables are restored (poll thread only)
  private final Set<TopicPartition> restoring = new LinkedHashSet<>();
  // when to ask for a probing rebalance (warm-up copies being built), 0 for none (poll thread)
  private long probeAtNanos;
  private final AtomicBoolean resubscribe = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch firstAssignment = new CountDownLatch(1);
  /** Set once the first assignment's tables are restored: timers start then. */
  private volatile boolean settled;
  private volatile Map<String, List<AgentRuntime<?, ?>>> byTopic = Map.of();
  private volatile boolean running;
  private volatile boolean crashed;
  // partitions being revoked under exactly-once: marked revoked once their commit is done
  private List<PartitionTracker> revokeAtCommit = List.of();
  private volatile boolean leader;
  // a rebalance callback failed: records of that poll are not dispatched, the loop stops after it
  private volatile Throwable rebalanceFailure;
  private volatile Set<TopicPartition> assigned = Set.of();
  private RecordSource source;
  private Thread thread;
  private long lastCommitNanos;
  private Transport.Transactions transactions;
  private final Runnable recordDone; // wakes an exactly-once commit waiting for records in flight

  /**
   * @param services shared services
   * @param agents the agents, asked again when topics change
   * @param listeners told about assignments and commits
   * @param leaderTopic a one-partition topic; the worker holding it is the group's leader
   * @param fatal told (once, with what failed) when the loop, a commit or a rebalance callback
   *     fails: the worker must stop
   */
  public Conductor(AppServices services, Supplier<Collection<AgentRuntime<?, ?>>> agents,
      List<WorkerListener> listeners, String leaderTopic, BiConsumer<String, Throwable> fatal) {
    this.services = services;
    this.agents = agents;
    this.listeners = List.copyOf(listeners);
    this.leaderTopic = leaderTopic;
    this.fatal = fatal;
    CommitGate gate = services.gate();
    this.recordDone = services.settings().processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE
        ? gate::recordDone : null;
  }

  /** Subscribes and starts polling on a new platform thread. */
  public void start() {
    running = true;
    source = services.transport().newSource(services.settings().id(),
        services.settings().id() + "-" + UUID.randomUUID().toString().substring(0, 8));
    thread = Thread.ofPlatform().name(services.settings().id() + "-consumer").start(this::run);
  }

  /**
   * @param timeout longest wait
   * @return true once the group assigned partitions to this worker the first time
   */
  public boolean awaitAssignment(Duration timeout) {
    try {
      return firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Asks the loop to subscribe again (an agent opened a topic). */
  public void topicsChanged() {
    resubscribe.set(true);
    RecordSource s = source;
    if (s != null) {
      s.wakeup();
    }
  }

  /**
   * @return true once this worker got its first assignment and restored the tables of it (Faust
   *     starts timers after recovery)
   */
  public boolean settled() {
    return settled;
  }

  /** @return true while this worker holds the leader partition */
  public boolean isLeader() {
    return leader;
  }

  /** @return the partitions this worker holds */
  public Set<TopicPartition> assignment() {
    return assigned;
  }

  private volatile Set<TopicPartition> paused = Set.of();
  private volatile Set<TopicPartition> notFetched = Set.of();
  private boolean pausesChanged; // poll thread: notFetched is refreshed after the loop's turn
  private volatile int inFlight;

  /** @return the partitions paused because their buffers are full */
  public Set<TopicPartition> pausedPartitions() {
    return paused;
  }

  /**
   * @return the partitions the consumer does not fetch now, as of the last loop: paused for
   *     backpressure, waiting for their tables, and the leader partition, which is never read
   */
  public Set<TopicPartition> notFetched() {
    return notFetched;
  }

  /** @return records polled and not yet done, over all partitions (as of the last loop) */
  public int inFlight() {
    return inFlight;
  }

  private void subscribe() {
    Map<String, List<AgentRuntime<?, ?>>> m = new HashMap<>();
    for (AgentRuntime<?, ?> a : agents.get()) {
      for (String t : a.topics()) {
        m.computeIfAbsent(t, k -> new ArrayList<>()).add(a);
      }
    }
    byTopic = m;
    lastTopic = null;
    Set<String> topics = new LinkedHashSet<>(m.keySet());
    topics.add(leaderTopic);
    log.info("Subscribing to {}", topics);
    source.subscribe(topics, this);
  }

  private void run() {
    services.monitor().loopStarted();
    try {
      subscribe();
      if (services.settings().processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE) {
        transactions = services.transport().transactions();
        transactions.begin();
      }
      lastCommitNanos = System.nanoTime();
      while (running) {
        try {
          if (resubscribe.getAndSet(false)) {
            subscribe();
          }
          // while a partition is paused, look again soon: it resumes as soon as its agents caught
          // up, not after a full poll timeout (that wait capped throughput at a few buffers/s)
          try {
            source.poll(paused.isEmpty() ? POLL : PAUSED_POLL, this::dispatch);
          } finally {
            handOver();
          }
          Throwable f = rebalanceFailure;
          if (f != null) {
            failed("A rebalance callback (table restore or assignment)", f);
            break;
          }
          maintain();
        } catch (org.apache.kafka.common.errors.WakeupException e) {
          // stop() or a topic change woke a blocking call; the loop condition decides
        }
      }
    } catch (RuntimeException | Error e) {
      failed("The poll loop", e);
    } finally {
      shutdown();
      services.monitor().loopEnded(null);
      stopped.countDown();
    }
  }

  private void failed(String what, Throwable e) {
    if (running && !crashed) {
      running = false;
      services.monitor().loopEnded(e);
      fatal.accept(what, e);
    } else {
      // e.g. a table restore abandoned because the worker is stopping
      log.info("The poll loop of '{}' ended while stopping: {}", services.settings().id(),
          Failures.describe(e));
    }
    running = false;
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> r) {
    if (rebalanceFailure != null) {
      return; // not tracked, so never committed: the partition's next holder processes it
    }
    String topic = r.topic();
    if (topic != lastTopic) {
      // records of one fetch share their topic's String: one lookup per topic and batch, no
      // TopicPartition per record
      lastTopic = topic;
      lastIsLeader = topic.equals(leaderTopic);
      lastSubs = byTopic.getOrDefault(topic, List.of());
      lastTrackers = trackerIndex.get(topic);
    }
    if (lastIsLeader) {
      return; // not tracked, so never committed: the partition's next holder processes it
    }
    int p = r.partition();
    if (run.isEmpty() || topic != runTopic || p != runPartition) {
      handOver();
      runTopic = topic;
      runPartition = p;
      runSubs = lastSubs;
      PartitionTracker[] ts = lastTrackers;
      runTracker = ts != null && p < ts.length ? ts[p] : null;
    }
    Delivery d = new Delivery(r, runTracker, runSubs.size());
    if (runTracker != null) {
      runTracker.add(d);
    }
    run.add(d);
  }

  /**
   * Hands the records of one partition gathered from a poll to each subscribing agent at once:
   * one queue operation per poll batch, partition and agent, not one per record.
   */
  private void handOver() {
    if (run.isEmpty()) {
      return;
    }
    List<AgentRuntime<?, ?>> subs = runSubs;
    if (!subs.isEmpty()) {
      Delivery[] a = run.toArray(NO_DELIVERIES);
      for (int i = 0; i < subs.size(); i++) {
        subs.get(i).deliverRun(a);
      }
    }
    run.clear();
  }

  /** Rebuilds the per-topic tracker arrays (polling thread, after assignments change). */
  private void indexTrackers() {
    Map<String, PartitionTracker[]> index = new HashMap<>();
    for (PartitionTracker t : trackers.values()) {
      TopicPartition tp = t.partition();
      PartitionTracker[] a = index.get(tp.topic());
      if (a == null || a.length <= tp.partition()) {
        PartitionTracker[] b = new PartitionTracker[tp.partition() + 1];
        if (a != null) {
          System.arraycopy(a, 0, b, 0, a.length);
        }
        a = b;
        index.put(tp.topic(), a);
      }
      a[tp.partition()] = t;
    }
    trackerIndex = index;
    lastTopic = null;
  }

  private boolean ready(TopicPartition tp) {
    for (WorkerListener l : listeners) {
      if (!l.ready(tp)) {
        return false;
      }
    }
    return true;
  }

  /** Resumes the partitions whose tables finished restoring. */
  private void releaseRestored() {
    List<TopicPartition> done = null;
    for (var it = restoring.iterator(); it.hasNext(); ) {
      TopicPartition tp = it.next();
      if (ready(tp)) {
        it.remove();
        (done == null ? done = new ArrayList<>() : done).add(tp);
      }
    }
    if (done != null) {
      source.resume(done);
      pausesChanged = true;
      log.info("Tables restored: processing {}", done);
      if (restoring.isEmpty()) {
        services.monitor().assigned();
        settled = true;
      }
    }
  }

  private void maintain() {
    if (!restoring.isEmpty()) {
      releaseRestored();
    }
    if (probeAtNanos != 0 && System.nanoTime() - probeAtNanos >= 0) {
      probeAtNanos = 0;
      log.info("Probing rebalance: are the warm-up copies caught up?");
      source.requestRebalance("probing rebalance: warm-up copies of table partitions");
    }
    int max = services.settings().streamBufferMaxSize();
    // resume close to the limit, not at half: a resumed partition is fetched only once the
    // consumer's buffer of it is empty, and the agent must still hold enough of it to cover that
    // fetch's round trip. At half, agents waited on empty queues 90-340 ms of every second
    // (windowed count, pipe); at 90 % 34-134 ms, with twice as many (cheap) pause/resume calls
    int resumeAt = Math.min(max - 1, max - max / 10);
    long done = 0;
    List<TopicPartition> toPause = null;
    List<TopicPartition> toResume = null;
    for (PartitionTracker t : trackers.values()) {
      t.advance();
      done += t.doneSinceCommit();
      int undone = t.undone();
      if (!t.paused() && undone >= max) {
        t.paused(true);
        (toPause == null ? toPause = new ArrayList<>() : toPause).add(t.partition());
      } else if (t.paused() && undone <= resumeAt) {
        t.paused(false);
        (toResume == null ? toResume = new ArrayList<>() : toResume).add(t.partition());
      }
    }
    if (toPause != null || toResume != null) {
      Set<TopicPartition> now = new LinkedHashSet<>();
      trackers.values().stream().filter(PartitionTracker::paused).forEach(t -> now.add(t.partition()));
      paused = Set.copyOf(now);
    }
    this.inFlight = trackers.values().stream().mapToInt(PartitionTracker::inFlight).sum();
    services.monitor().loop(trackers.values(), source);
    if (toPause != null) {
      source.pause(toPause);
      log.debug("Paused {}: buffers full ({} records)", toPause, max);
    }
    if (toResume != null) {
      source.resume(toResume);
    }
    if (pausesChanged || toPause != null || toResume != null) {
      pausesChanged = false;
      notFetched = Set.copyOf(source.paused());
    }
    long now = System.nanoTime();
    if ((now - lastCommitNanos >= services.settings().commitInterval().toNanos()
        || done >= services.settings().commitEvery()) && !services.cluster().rebalancing()) {
      // not while this worker is inside a rebalance: the commit would carry a generation the
      // group may have left (refused; fatal to a transaction); it comes once the assignment did
      commit();
    }
  }

  /** Commits every partition's done offsets (after all sent records are stored). */
  private void commit() {
    lastCommitNanos = System.nanoTime();
    if (transactions != null) {
      commitTransaction();
      return;
    }
    // the offsets first: every table write of the events they cover is then in a write cache or
    // sent, and the cache flush and the producer flush below make all of it durable before them
    Map<TopicPartition, Long> offsets = collectOffsets();
    listeners.forEach(WorkerListener::beforeFlush);
    services.transport().flush();
    listeners.forEach(WorkerListener::beforeCommit);
    if (offsets.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      source.commit(offsets);
    } catch (org.apache.kafka.common.errors.RebalanceInProgressException e) {
      // cooperative rebalancing: partitions keep running while the group rebalances, and the
      // group takes no commit until it is done; these offsets go with the next commit (or the
      // revoke's)
      log.debug("Commit deferred, the group is rebalancing: {}", offsets);
      return;
    } catch (org.apache.kafka.clients.consumer.CommitFailedException e) {
      // this worker is no longer in the generation (it was too slow, or the group moved on):
      // not a failure of the worker; the partitions' next holders process the records again
      log.info("Commit of {} refused, the group moved on: {}", offsets, e.toString());
      return;
    }
    services.monitor().committed(System.nanoTime() - t0);
    offsets.forEach((tp, o) -> trackers.get(tp).committed(o));
    log.debug("Committed {}", offsets);
  }

  private Map<TopicPartition, Long> collectOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (PartitionTracker t : trackers.values()) {
      t.advance();
      long o = t.toCommit();
      if (o >= 0) {
        offsets.put(t.partition(), o);
      }
    }
    return offsets;
  }

  private void commitTransaction() {
    CommitGate gate = services.gate();
    gate.close();
    // each partition is cut at the highest record any agent started: agents behind catch up to
    // it, none goes past it, so the offsets cover every record the transaction holds work of
    for (PartitionTracker t : trackers.values()) {
      t.freezeCut();
    }
    gate.cutFixed();
    try {
      // no record is being processed when the transaction commits: its sends and table writes
      // so far would be committed while its offset is not, and done again after a crash
      if (!awaitNoneInFlight(gate)) {
        // stopping and an agent did not finish its record: nothing of this transaction is kept
        log.warn("Aborting the open transaction of '{}': records still in processing at stop",
            services.settings().id());
        transactions.abort();
        transactions.begin();
        return;
      }
      // table caches join the transaction before the send lock is taken: a writer holds its
      // partition's lock while it sends
      listeners.forEach(WorkerListener::beforeFlush);
      var lock = services.sendLock().writeLock();
      lock.lock();
      try {
        services.transport().flush();
        // the offsets after the flush: a record whose agent finished is done once its outputs
        // are stored, and every output in this transaction is stored now, so the offsets cover
        // every record whose outputs the transaction commits
        Map<TopicPartition, Long> offsets = collectOffsets();
        listeners.forEach(WorkerListener::beforeCommit);
        long t0 = System.nanoTime();
        transactions.commit(offsets, source.groupMetadata());
        services.monitor().committed(System.nanoTime() - t0);
        offsets.forEach((tp, o) -> trackers.get(tp).committed(o));
        listeners.forEach(WorkerListener::afterCommit);
        transactions.begin();
      } finally {
        lock.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MephistoException("Interrupted during an exactly-once commit", e);
    } finally {
      for (PartitionTracker t : trackers.values()) {
        t.clearCut();
      }
      revokeAtCommit.forEach(PartitionTracker::revoke); // before any agent goes on
      gate.open();
    }
  }

  /**
   * Waits on the gate's condition until every partition is done up to its cut. While the worker
   * runs it waits as long as that takes (warning now and then); once it stops, up to the shutdown
   * timeout.
   */
  private boolean awaitNoneInFlight(CommitGate gate) throws InterruptedException {
    long start = System.nanoTime();
    long warnEvery = services.settings().commitInterval().toNanos() * 4;
    long[] nextWarn = {start + warnEvery};
    long[] stopDeadline = {running ? Long.MAX_VALUE
        : start + services.settings().shutdownTimeout().toNanos()};
    return gate.awaitQuiet(this::noneInFlight, () -> {
      long now = System.nanoTime();
      if (!running && stopDeadline[0] == Long.MAX_VALUE) {
        stopDeadline[0] = now + services.settings().shutdownTimeout().toNanos();
      }
      if (now - nextWarn[0] >= 0) {
        nextWarn[0] = now + warnEvery;
        log.warn("The exactly-once commit of '{}' waits for records in processing for {} ms",
            services.settings().id(), Duration.ofNanos(now - start).toMillis());
      }
      return now - stopDeadline[0] >= 0;
    }, Duration.ofMillis(100).toNanos());
  }

  /** @return true when every partition is done up to its cut (agents behind it caught up) */
  private boolean noneInFlight() {
    for (PartitionTracker t : trackers.values()) {
      if (!t.revoked() && !t.cutDone()) { // agents skip a revoked partition's records
        return false;
      }
    }
    return true;
  }

  @Override
  public void onAssigned(Collection<TopicPartition> partitions) {
    services.monitor().assigning(partitions);
    pausesChanged = true;
    for (TopicPartition tp : partitions) {
      if (tp.topic().equals(leaderTopic)) {
        leader = true;
        // holding it is what makes the leader; its records are never read. Fetched, it is the
        // one partition left in the fetch while every input partition is paused for
        // backpressure: that fetch then waits the broker's fetch.max.wait.ms for data that never
        // comes, and partitions resumed meanwhile wait for it (one fetch in flight per broker):
        // the agents starved ~60 % of the time (count: ~230k records/s; ~550k paused)
        source.pause(List.of(tp));
        log.info("This worker is the leader of '{}'", services.settings().id());
      } else {
        trackers.put(tp, new PartitionTracker(tp, recordDone));
      }
    }
    indexTrackers();
    Set<TopicPartition> now = new LinkedHashSet<>(assigned);
    now.addAll(partitions);
    assigned = Set.copyOf(now);
    // a failure here is kept for the loop instead of thrown: thrown, the consumer would log it
    // at ERROR with a stack trace (also for a restore abandoned by a clean stop) and wrap it
    if (!notify(l -> l.onAssigned(partitions))) {
      return;
    }
    // warm-ups under way: the group's leader asks for another rebalance after the interval
    var view = services.cluster().view();
    probeAtNanos = view.probe() && view.isLeader()
        ? System.nanoTime() + services.settings().probingRebalanceInterval().toNanos() : 0;
    // tables restore on their own thread: a partition whose tables are not ready stays paused
    List<TopicPartition> wait = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      if (!tp.topic().equals(leaderTopic) && !ready(tp)) {
        wait.add(tp);
      }
    }
    if (!wait.isEmpty()) {
      source.pause(wait);
      restoring.addAll(wait);
      log.info("Partitions {} wait for their tables to restore; the others keep running", wait);
    }
    if (restoring.isEmpty()) {
      services.monitor().assigned();
      settled = true;
    }
    if (!partitions.isEmpty()) { // cooperative: every rebalance calls this, mostly with nothing new
      log.info("Assigned {}", partitions);
    }
    firstAssignment.countDown();
  }

  @Override
  public void onRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    if (crashed) {
      partitions.forEach(tp -> {
        PartitionTracker t = trackers.remove(tp);
        if (t != null) {
          t.revoke();
        }
      });
      indexTrackers();
      return;
    }
    List<PartitionTracker> revoked = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      PartitionTracker t = trackers.get(tp);
      if (t != null) {
        revoked.add(t);
      }
    }
    if (transactions != null) {
      // exactly-once: the revoked partitions are cut and committed with the others first, and
      // only then marked revoked (still behind the closed gate): an agent behind the cut must
      // process its records up to it, not skip them, or the transaction would hold the outputs
      // of records other agents did there while their offsets stay uncommitted (and the commit
      // would wait for records nobody processes)
      revokeAtCommit = revoked;
    } else {
      revoked.forEach(PartitionTracker::revoke);
      long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
      while (revoked.stream().anyMatch(PartitionTracker::anyTakenNotDone)
          && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    try {
      commit();
    } catch (RuntimeException e) {
      log.warn("Could not commit offsets of revoked partitions {}: {}", partitions, e.toString());
    } finally {
      revoked.forEach(PartitionTracker::revoke);
      revokeAtCommit = List.of();
    }
    notify(l -> l.onRevoked(partitions));
    restoring.removeAll(partitions);
    pausesChanged = true;
    for (TopicPartition tp : partitions) {
      trackers.remove(tp);
      if (tp.topic().equals(leaderTopic)) {
        leader = false;
      }
    }
    indexTrackers();
    Set<TopicPartition> now = new LinkedHashSet<>(assigned);
    now.removeAll(partitions);
    assigned = Set.copyOf(now);
    services.monitor().revoked(partitions);
    log.info("Revoked {}", partitions);
  }

  private boolean notify(java.util.function.Consumer<WorkerListener> call) {
    try {
      listeners.forEach(call);
      return true;
    } catch (RuntimeException | Error e) {
      if (!running) {
        // the loop has ended (the consumer closes): nobody looks at rebalanceFailure any more
        log.warn("A rebalance callback of '{}' failed while the worker stops: {}",
            services.settings().id(), Failures.describe(e));
        return false;
      }
      if (rebalanceFailure == null) {
        rebalanceFailure = e;
      }
      RecordSource s = source;
      if (s != null) {
        s.wakeup(); // the loop looks at the failure as soon as this poll returns
      }
      return false;
    }
  }

  /**
   * Stops polling, lets agents finish what they hold (up to the shutdown timeout), commits and
   * leaves the group.
   */
  public void stop() {
    running = false;
    RecordSource s = source;
    if (s != null) {
      s.wakeup();
    }
    try {
      long wait = services.settings().shutdownTimeout().toMillis() + 15_000;
      if (thread != null && !stopped.await(wait, TimeUnit.MILLISECONDS)) {
        log.warn("The poll loop of '{}' did not stop in time", services.settings().id());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the poll loop as a killed process would (tests of recovery): nothing is committed, the
   * consumer closes (leaving the group, so that the others take over without a session timeout).
   */
  public void crash() {
    crashed = true;
    stop();
  }

  private void shutdown() {
    if (crashed) {
      trackers.values().forEach(PartitionTracker::revoke);
      try {
        source.close();
      } catch (RuntimeException e) {
        log.debug("Closing the consumer of a crashed worker: {}", e.toString());
      }
      log.warn("Worker of '{}' crashed (simulated): nothing committed", services.settings().id());
      return;
    }
    long deadline = System.nanoTime() + services.settings().shutdownTimeout().toNanos();
    Collection<AgentRuntime<?, ?>> all = agents.get();
    all.forEach(AgentRuntime::signalEnd);
    for (AgentRuntime<?, ?> a : all) {
      a.awaitStopped(deadline);
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        commit();
        break;
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        // a wakeup left over from stop(): the second attempt goes through
      } catch (RuntimeException e) {
        log.warn("Final commit of '{}' failed: {}", services.settings().id(), e.toString());
        break;
      }
    }
    try {
      source.close();
    } catch (RuntimeException e) {
      log.warn("Closing the consumer of '{}' failed: {}", services.settings().id(), e.toString());
    }
    if (transactions != null) {
      try {
        transactions.abort();
      } catch (RuntimeException e) {
        log.debug("No open transaction to abort: {}", e.toString());
      }
    }
    log.info("Worker of '{}' stopped", services.settings().id());
  }
}
