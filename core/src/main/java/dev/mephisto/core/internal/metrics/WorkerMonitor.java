package dev.mephisto.core.internal.metrics;

import dev.mephisto.AppSettings;
import dev.mephisto.WorkerState;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import dev.mephisto.core.internal.transport.RecordSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the worker's poll loop tells the outside: that it is alive, each partition's position,
 * lag and stalls (gauges, one WARN line per stall), commits, rebalances, and the worker's state.
 * The poll loop calls it through one-line hooks; {@code /health}, {@code /ready} and the
 * dashboard read it from other threads.
 */
public final class WorkerMonitor {
  private static final Logger log = LoggerFactory.getLogger(WorkerMonitor.class);
  private static final long SAMPLE_NANOS = Duration.ofMillis(500).toNanos();
  private static final long MIN_LOOP_TIMEOUT_NANOS = Duration.ofSeconds(30).toNanos();

  /** One partition as the web thread sees it. */
  public static final class PartitionState {
    final TopicPartition partition;
    final List<Meter> meters = new ArrayList<>();
    volatile long position = -1;
    volatile long lag = -1;
    volatile boolean paused;
    volatile int inFlight;
    volatile String stalled;

    PartitionState(TopicPartition partition) {
      this.partition = partition;
    }

    /**
     * @return the partition's figures: topic, partition, position, lag (-1 unknown), paused,
     *     inFlight, stalled (the reason, or null)
     */
    public Map<String, Object> describe() {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("topic", partition.topic());
      m.put("partition", partition.partition());
      m.put("position", position);
      m.put("lag", lag);
      m.put("paused", paused);
      m.put("inFlight", inFlight);
      m.put("stalled", stalled);
      return m;
    }
  }

  /**
   * The answer of a probe.
   *
   * @param ok true for 200
   * @param reasons why not, or notes
   */
  public record Probe(boolean ok, List<String> reasons) {}

  private final AppSettings settings;
  private final WorkerMetrics metrics;
  private final Lifecycle lifecycle;
  private final StallDetector<TopicPartition> stalls;
  private final long loopTimeoutNanos;
  private final Map<TopicPartition, PartitionState> partitions = new ConcurrentHashMap<>();
  private final io.micrometer.core.instrument.Counter stallCount;
  private volatile long lastLoopNanos;
  private volatile long callbackSinceNanos;
  private volatile boolean loopRunning;
  private volatile String loopEnded;
  private volatile boolean assignedOnce;
  private long lastSampleNanos;

  /**
   * @param settings stall timeout and whether stalls fail liveness
   * @param metrics the app's metrics
   * @param lifecycle the worker's state
   */
  public WorkerMonitor(AppSettings settings, WorkerMetrics metrics, Lifecycle lifecycle) {
    this.settings = settings;
    this.metrics = metrics;
    this.lifecycle = lifecycle;
    this.stalls = new StallDetector<>(settings.stallTimeout());
    this.loopTimeoutNanos = Math.max(MIN_LOOP_TIMEOUT_NANOS, settings.stallTimeout().toNanos());
    this.stallCount = io.micrometer.core.instrument.Counter.builder(MeterNames.STALLS)
        .description("Partitions that stalled").tags(metrics.tags()).register(metrics.registry());
    metrics.gauge(MeterNames.ASSIGNED, "Topic partitions held by this worker", Tags.empty(),
        partitions, Map::size);
    metrics.gauge(MeterNames.READY, "1 while the worker is ready", Tags.empty(), this,
        m -> m.ready().ok() ? 1 : 0);
  }

  /** @return the worker's state */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** @return the app's metrics */
  public WorkerMetrics metrics() {
    return metrics;
  }

  // ---- hooks of the poll loop ---------------------------------------------------------------

  /** The poll loop starts. */
  public void loopStarted() {
    lastLoopNanos = System.nanoTime();
    loopRunning = true;
    loopEnded = null;
  }

  /**
   * One turn of the poll loop: proves it alive and, every half second, samples the partitions.
   *
   * @param trackers the partitions held
   * @param source the consumer (for lag, without a request)
   */
  public void loop(Collection<PartitionTracker> trackers, RecordSource source) {
    long now = System.nanoTime();
    lastLoopNanos = now;
    if (now - lastSampleNanos < SAMPLE_NANOS) {
      return;
    }
    lastSampleNanos = now;
    for (PartitionTracker t : trackers) {
      TopicPartition tp = t.partition();
      PartitionState s = partitions.get(tp);
      if (s == null) {
        s = register(tp);
      }
      OptionalLong lag = source.lag(tp);
      s.position = t.position();
      s.lag = lag.isPresent() ? lag.getAsLong() : -1;
      s.paused = t.paused();
      s.inFlight = t.inFlight();
      boolean was = stalls.stalled(tp);
      Optional<StallDetector.Stall<TopicPartition>> began = stalls.sample(tp,
          new StallDetector.Sample(s.position, s.lag, s.paused, s.inFlight, t.doneOffset()), now);
      s.stalled = stalls.reason(tp).orElse(null);
      if (began.isPresent()) {
        stallCount.increment();
        log.warn("Partition {} of topic '{}' is stalled: {}{}", tp.partition(), tp.topic(),
            began.get().reason(), settings.stallFailsLiveness() ? "; /health fails until it moves"
                : "; it is reported in /health (set stallFailsLiveness to restart the worker)");
      } else if (was && s.stalled == null) {
        log.info("Partition {} of topic '{}' moves again (position {}, lag {})", tp.partition(),
            tp.topic(), s.position, s.lag);
      }
    }
  }

  private PartitionState register(TopicPartition tp) {
    PartitionState s = new PartitionState(tp);
    Tags t = Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition()));
    s.meters.add(metrics.gauge(MeterNames.LAG, "Records behind the end of the partition", t, s,
        x -> x.lag));
    s.meters.add(metrics.gauge(MeterNames.POSITION, "Next offset the worker reads", t, s,
        x -> x.position));
    s.meters.add(metrics.gauge(MeterNames.STALLED, "1 while the partition is stalled", t, s,
        x -> x.stalled == null ? 0 : 1));
    partitions.put(tp, s);
    return s;
  }

  /**
   * An assignment arrives; tables restore next (on this thread).
   *
   * @param assigned the new partitions
   */
  public void assigning(Collection<TopicPartition> assigned) {
    callbackSinceNanos = System.nanoTime();
    metrics.rebalanced();
    lifecycle.moveTo(WorkerState.ASSIGNED);
  }

  /** The assignment is applied: tables restored, agents get records. */
  public void assigned() {
    assignedOnce = true;
    callbackSinceNanos = 0;
    lastLoopNanos = System.nanoTime();
    lifecycle.moveTo(WorkerState.RUNNING);
  }

  /** @param revoked partitions taken away */
  public void revoked(Collection<TopicPartition> revoked) {
    for (TopicPartition tp : revoked) {
      PartitionState s = partitions.remove(tp);
      stalls.forget(tp);
      if (s != null) {
        metrics.remove(s.meters);
      }
    }
  }

  /** @param nanos how long a commit took */
  public void committed(long nanos) {
    metrics.committed(nanos);
  }

  /**
   * The poll loop ended.
   *
   * @param failure why, or null for a stop
   */
  public void loopEnded(Throwable failure) {
    loopRunning = false;
    if (failure == null && lifecycle.state() == WorkerState.FAILED) {
      return; // the failure was told first; keep its reason
    }
    loopEnded = failure == null ? "the poll loop stopped" : "the poll loop failed: " + failure;
    if (failure != null) {
      lifecycle.moveTo(WorkerState.FAILED);
    }
  }

  // ---- probes -------------------------------------------------------------------------------

  /** @return liveness: the poll loop is alive (and, if so configured, nothing is stalled) */
  public Probe health() {
    List<String> reasons = new ArrayList<>();
    boolean ok = true;
    WorkerState st = lifecycle.state();
    if (st == WorkerState.FAILED) {
      ok = false;
      reasons.add(loopEnded != null ? loopEnded : "the worker failed");
    } else if (!loopRunning) {
      if (lifecycle.started() && st != WorkerState.STARTING) {
        reasons.add(loopEnded != null ? loopEnded : "the poll loop is not running");
        ok = st == WorkerState.STOPPING || st == WorkerState.STOPPED;
      } else {
        reasons.add("starting");
      }
    } else {
      long now = System.nanoTime();
      long since = callbackSinceNanos;
      if (since != 0) {
        reasons.add("in a rebalance for " + (now - since) / 1_000_000 + " ms (tables restore)");
      } else if (now - lastLoopNanos > loopTimeoutNanos) {
        ok = false;
        reasons.add("the poll loop has not turned for " + (now - lastLoopNanos) / 1_000_000_000L
            + " s");
      }
    }
    for (PartitionState s : partitionStates()) {
      String r = s.stalled;
      if (r != null) {
        reasons.add("stalled: topic '" + s.partition.topic() + "' partition "
            + s.partition.partition() + ": " + r);
        ok &= !settings.stallFailsLiveness();
      }
    }
    return new Probe(ok, reasons);
  }

  /** @return readiness: assigned, restored, not stopping */
  public Probe ready() {
    List<String> reasons = new ArrayList<>();
    WorkerState st = lifecycle.state();
    if (st != WorkerState.RUNNING) {
      reasons.add("worker is " + st.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!assignedOnce) {
      reasons.add("no assignment yet");
    }
    if (lifecycle.restoring()) {
      reasons.add("tables are restoring");
    }
    if (!loopRunning && st == WorkerState.RUNNING) {
      reasons.add(loopEnded != null ? loopEnded : "the poll loop is not running");
    }
    return new Probe(reasons.isEmpty(), reasons);
  }

  /** @return the partitions held, in topic and partition order */
  public List<PartitionState> partitionStates() {
    List<PartitionState> l = new ArrayList<>(partitions.values());
    l.sort(Comparator.comparing((PartitionState s) -> s.partition.topic())
        .thenComparingInt(s -> s.partition.partition()));
    return l;
  }
}
