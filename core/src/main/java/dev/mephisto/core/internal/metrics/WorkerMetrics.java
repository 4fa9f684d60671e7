package dev.mephisto.core.internal.metrics;

import dev.mephisto.AppSettings;
import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of one app on this worker, on Micrometer: the registry {@code /metrics} scrapes
 * (the application's own Prometheus registry, or one of ours, joined to the application's other
 * registry when it brought one), the meters resolved once per agent, topic and partition, and
 * JVM and process metrics.
 *
 * <p>The runtime calls it through one-line hooks; nothing here locks or allocates per record.
 */
public final class WorkerMetrics implements AutoCloseable {
  private static final ThreadLocal<AgentMeters> CURRENT_AGENT = new ThreadLocal<>();

  private final String app;
  private final Tags tags;
  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final Map<String, AgentMeters> agents = new ConcurrentHashMap<>();
  private final AgentMeters outsideAgents;
  private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
  private final Timer commits;
  private final Counter rebalances;
  private final JvmGcMetrics gc;

  /** @param settings the app's settings (its id, and the application's registry if any) */
  public WorkerMetrics(AppSettings settings) {
    this.app = settings.id();
    this.tags = Tags.of("app", app);
    Object own = settings.meterRegistry().orElse(null);
    if (own != null && !(own instanceof MeterRegistry)) {
      throw new ConfigurationException("Setting 'meterRegistry' was '" + own + "' of "
          + own.getClass().getName() + " but it should be an io.micrometer.core.instrument."
          + "MeterRegistry; pass the application's registry (e.g. a PrometheusMeterRegistry)");
    }
    if (own instanceof PrometheusMeterRegistry p) {
      prometheus = p;
      registry = p;
      gc = null; // the application binds JVM metrics to its own registry as it sees fit
    } else {
      prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      if (own instanceof MeterRegistry m) {
        CompositeMeterRegistry c = new CompositeMeterRegistry();
        c.add(prometheus);
        c.add(m);
        registry = c;
      } else {
        registry = prometheus;
      }
      // JVM and process metrics on our Prometheus registry only: an application registry that
      // binds them itself (Spring Boot does) must not count GC pauses twice
      new JvmMemoryMetrics().bindTo(prometheus);
      new JvmThreadMetrics().bindTo(prometheus);
      new ClassLoaderMetrics().bindTo(prometheus);
      new JvmInfoMetrics().bindTo(prometheus);
      new ProcessorMetrics().bindTo(prometheus);
      new UptimeMetrics().bindTo(prometheus);
      new FileDescriptorMetrics().bindTo(prometheus);
      gc = new JvmGcMetrics();
      gc.bindTo(prometheus);
    }
    this.outsideAgents = new AgentMeters(registry, tags, "none");
    this.commits = Timer.builder(MeterNames.COMMITS).description("Offset commits and their latency")
        .tags(tags).register(registry);
    this.rebalances = Counter.builder(MeterNames.REBALANCES)
        .description("Assignments this worker received").tags(tags).register(registry);
  }

  /** @return the registry meters are registered on */
  public MeterRegistry registry() {
    return registry;
  }

  /** @return the common tags ({@code app}) */
  public Tags tags() {
    return tags;
  }

  /** @return the metrics in Prometheus' text format */
  public String scrape() {
    return prometheus.scrape();
  }

  /**
   * @param agent an agent's name
   * @return its meters, resolved once
   */
  public AgentMeters agent(String agent) {
    AgentMeters m = agents.get(agent);
    return m != null ? m : agents.computeIfAbsent(agent, a -> new AgentMeters(registry, tags, a));
  }

  /** @return the meters of every agent seen so far */
  public Map<String, AgentMeters> agents() {
    return Map.copyOf(agents);
  }

  /**
   * @param agent an agent's name
   * @param topic a topic it reads
   * @return a new meter for one stream source
   */
  public SourceMeter source(String agent, String topic) {
    return new SourceMeter(agent(agent), topic);
  }

  /** Sends made from this thread from now on count as the agent's output. */
  static void bindThread(AgentMeters agent) {
    CURRENT_AGENT.set(agent);
  }

  /**
   * A record is being sent (per record: no allocation once the topic was seen).
   *
   * @param topic its topic
   */
  public void sent(String topic) {
    AgentMeters a = CURRENT_AGENT.get();
    // a thread bound by another app of this JVM counts as outside this app's agents
    (a == null || a.registry() != registry ? outsideAgents : a).out(topic).increment();
  }

  /**
   * A record went to a dead-letter topic.
   *
   * @param topic the topic it came from
   * @param error why: a {@link CodecException} counts as reason {@code decode}, anything else
   *     as {@code processing}
   */
  public void deadLettered(String topic, Throwable error) {
    String reason = error instanceof CodecException ? "decode" : "processing";
    deadLettered.computeIfAbsent(topic + '\0' + reason, k -> Counter.builder(MeterNames.DEAD_LETTERED)
        .description("Records sent to a dead-letter topic").tags(tags).tag("topic", topic)
        .tag("reason", reason).register(registry)).increment();
  }

  /** @return dead-lettered counts by source topic, then reason */
  public Map<String, Map<String, Long>> deadLettered() {
    Map<String, Map<String, Long>> m = new java.util.TreeMap<>();
    deadLettered.forEach((k, c) -> {
      int z = k.indexOf('\0');
      m.computeIfAbsent(k.substring(0, z), t -> new java.util.TreeMap<>())
          .put(k.substring(z + 1), (long) c.count());
    });
    return m;
  }

  /** @param nanos how long an offset commit took */
  public void committed(long nanos) {
    commits.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** @return the commit timer */
  public Timer commits() {
    return commits;
  }

  /** An assignment arrived. */
  public void rebalanced() {
    rebalances.increment();
  }

  /** @return rebalances so far */
  public long rebalances() {
    return (long) rebalances.count();
  }

  /**
   * Registers a gauge.
   *
   * @param name meter name
   * @param description what it shows
   * @param extra tags besides {@code app}
   * @param obj what it reads
   * @param fn how
   * @return the gauge, for {@link #remove}
   * @param <T> what it reads
   */
  public <T> Gauge gauge(String name, String description, Tags extra, T obj, ToDoubleFunction<T> fn) {
    return Gauge.builder(name, obj, fn).description(description).tags(tags.and(extra))
        .strongReference(true).register(registry);
  }

  /**
   * Registers a counter whose count is read from an object (it may restart lower when partitions
   * move away; Prometheus takes that as a reset). Micrometer holds {@code obj} weakly here: keep
   * it reachable, e.g. from a gauge of {@link #gauge} (which holds it strongly).
   *
   * @param name meter name
   * @param description what it counts
   * @param extra tags besides {@code app}
   * @param obj what it reads
   * @param fn how
   * @param <T> what it reads
   */
  public <T> void counter(String name, String description, Tags extra, T obj,
      ToDoubleFunction<T> fn) {
    FunctionCounter.builder(name, obj, fn).description(description).tags(tags.and(extra))
        .register(registry);
  }

  /** @param meters meters to remove (e.g. of a revoked partition) */
  public void remove(List<? extends Meter> meters) {
    for (Meter m : meters) {
      registry.remove(m);
    }
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
  }
}
