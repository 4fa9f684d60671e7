package dev.mephisto.core.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one agent, resolved once: per record only counters and timers are touched, and
 * the per-topic maps are read without allocating once a topic was seen.
 */
public final class AgentMeters {
  private final MeterRegistry registry;
  private final Tags tags;
  private final String agent;
  private final Timer processing;
  private final Timer endToEnd;
  private final Map<String, Counter> in = new ConcurrentHashMap<>();
  private final Map<String, Counter> out = new ConcurrentHashMap<>();

  AgentMeters(MeterRegistry registry, Tags appTags, String agent) {
    this.registry = registry;
    this.agent = agent;
    this.tags = appTags.and("agent", agent);
    this.processing = Timer.builder(MeterNames.PROCESSING)
        .description("Time an agent spent on one record")
        .tags(tags).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    this.endToEnd = Timer.builder(MeterNames.END_TO_END)
        .description("Time from a record's timestamp until an agent finished it")
        .tags(tags).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
  }

  MeterRegistry registry() {
    return registry;
  }

  /** @return the agent's name */
  public String agent() {
    return agent;
  }

  /**
   * @param topic a topic the agent consumes
   * @return its records-in counter
   */
  public Counter in(String topic) {
    Counter c = in.get(topic);
    return c != null ? c : in.computeIfAbsent(topic, t -> counter(MeterNames.RECORDS_IN, t,
        "Records an agent took from a topic"));
  }

  /**
   * @param topic a topic the agent sends to
   * @return its records-out counter
   */
  public Counter out(String topic) {
    Counter c = out.get(topic);
    return c != null ? c : out.computeIfAbsent(topic, t -> counter(MeterNames.RECORDS_OUT, t,
        "Records sent to a topic by an agent"));
  }

  private Counter counter(String name, String topic, String description) {
    return Counter.builder(name).description(description).tags(tags).tag("topic", topic)
        .register(registry);
  }

  /** @return time spent per record */
  public Timer processing() {
    return processing;
  }

  /** @return event timestamp to processed */
  public Timer endToEnd() {
    return endToEnd;
  }

  /** @return records taken so far, over all topics */
  public long recordsIn() {
    long n = 0;
    for (Counter c : in.values()) {
      n += (long) c.count();
    }
    return n;
  }

  /** @return records sent so far, over all topics */
  public long recordsOut() {
    long n = 0;
    for (Counter c : out.values()) {
      n += (long) c.count();
    }
    return n;
  }
}
