package dev.mephisto.bench;

import dev.mephisto.bench.data.Dataset;
import dev.mephisto.testkit.KafkaTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Everything one run of one workload by one implementation may use. */
public final class RunContext {
  private final String prefix;
  private final Workload workload;
  private final Dataset dataset;
  private final KafkaTestClient client;
  private final Path stateDir;
  private final Duration commitInterval;
  private final ProducerProfile producerProfile;
  private final Progress progress = new Progress();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  RunContext(
      String prefix, Workload workload, Dataset dataset, KafkaTestClient client, Path stateDir,
      Duration commitInterval) {
    this(prefix, workload, dataset, client, stateDir, commitInterval, ProducerProfile.BENCH);
  }

  RunContext(
      String prefix, Workload workload, Dataset dataset, KafkaTestClient client, Path stateDir,
      Duration commitInterval, ProducerProfile producerProfile) {
    this.commitInterval = Objects.requireNonNull(commitInterval, "commitInterval");
    this.producerProfile = Objects.requireNonNull(producerProfile, "producerProfile");
    this.prefix = prefix;
    this.workload = workload;
    this.dataset = dataset;
    this.client = client;
    this.stateDir = stateDir;
  }

  /** @return the workload being run */
  public Workload workload() {
    return workload;
  }

  /** @return the input and its expected results */
  public Dataset dataset() {
    return dataset;
  }

  /** @return the broker's bootstrap servers */
  public String bootstrapServers() {
    return client.bootstrapServers();
  }

  /** @return a client for admin work and properties; shared, do not close */
  public KafkaTestClient client() {
    return client;
  }

  /** @return base producer properties (byte arrays, acks=all) for the implementation to adjust */
  public Map<String, Object> producerProperties() {
    return client.producerProperties();
  }

  /**
   * @param group consumer group id
   * @return base consumer properties (byte arrays, earliest, manual commits)
   */
  public Map<String, Object> consumerProperties(String group) {
    return client.consumerProperties(group);
  }

  /**
   * @param suffix what the name is for, e.g. {@code changelog}
   * @return a name unique to this run: {@code <run>-<workload>-<implementation>-<suffix>}
   */
  public String name(String suffix) {
    return prefix + "-" + suffix;
  }

  /** @return the topic output workloads write to; created by the harness before the start */
  public String outputTopic() {
    return name("output");
  }

  /** @return an empty directory for local state, deleted after the run */
  public Path stateDir() {
    return stateDir;
  }

  /** @return where the implementation counts processed records */
  public Progress progress() {
    return progress;
  }

  /** @return the commit interval every implementation uses ({@code --commit-interval}) */
  public Duration commitInterval() {
    return commitInterval;
  }

  /** @return how the implementation sets up its producer */
  public ProducerProfile producerProfile() {
    return producerProfile;
  }

  /**
   * Reports that the implementation's processing failed; the run stops and is FAILED.
   *
   * @param error what went wrong
   */
  public void fail(Throwable error) {
    failure.compareAndSet(null, Objects.requireNonNull(error, "error"));
  }

  /** @return the first failure reported, if any */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }
}
