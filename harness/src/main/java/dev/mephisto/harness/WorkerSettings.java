package dev.mephisto.harness;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.ProcessingGuarantee;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What every worker of a run is told (through {@code worker.properties} in the run's work
 * directory): which workload, the app id, the broker and the app settings the harness chooses.
 *
 * @param kind {@code chaos} or {@code scale}
 * @param appId the app id (also the consumer group and the prefix of every topic of the run)
 * @param bootstrap the cluster, {@code host:port[,host:port]}
 * @param guarantee the processing guarantee
 * @param partitions partitions of the topics the app creates
 * @param replicationFactor their replication factor, or -1 for Mephisto's default
 * @param sessionTimeout the consumer's {@code session.timeout.ms}
 * @param transactionTimeout the producer's {@code transaction.timeout.ms} (exactly-once), if set
 * @param commitInterval the app's commit interval, if not Mephisto's default
 * @param workDir the run's work directory (state, logs, dumps)
 */
public record WorkerSettings(String kind, String appId, String bootstrap,
    ProcessingGuarantee guarantee, int partitions, int replicationFactor, Duration sessionTimeout,
    Optional<Duration> transactionTimeout, Optional<Duration> commitInterval, Path workDir) {

  /** The file in the work directory. */
  public static final String FILE = "worker.properties";

  /** @return the input topic */
  public String input() {
    return appId + ".input";
  }

  /**
   * @param index a worker
   * @return its own directory (RocksDB state, table dumps)
   */
  public Path workerDir(int index) {
    return workDir.resolve("worker-" + index);
  }

  /**
   * An app builder with the run's settings, isolated from {@code MEPHISTO_*} variables of the
   * harness's environment.
   *
   * @param stateDir where RocksDB stores go
   * @return the builder
   */
  public AppBuilder appBuilder(Path stateDir) {
    AppBuilder b = App.builder(appId)
        .environment(Map.of())
        .broker("kafka://" + bootstrap.replace(',', ';'))
        .store("rocksdb://" + stateDir.toAbsolutePath())
        .processingGuarantee(guarantee)
        .topicPartitions(partitions)
        .web("127.0.0.1", 0) // several workers on one machine
        .kafka("consumer.session.timeout.ms", Long.toString(sessionTimeout.toMillis()))
        .kafka("consumer.heartbeat.interval.ms",
            Long.toString(Math.max(100, sessionTimeout.toMillis() / 3)));
    if (replicationFactor > 0) {
      b.topicReplicationFactor(replicationFactor);
    }
    if (guarantee == ProcessingGuarantee.EXACTLY_ONCE) {
      transactionTimeout.ifPresent(d ->
          b.kafka("producer.transaction.timeout.ms", Long.toString(d.toMillis())));
    }
    commitInterval.ifPresent(b::commitInterval);
    return b;
  }

  /** @param p where to write these settings */
  public void write(Properties p) {
    p.setProperty("kind", kind);
    p.setProperty("appId", appId);
    p.setProperty("bootstrap", bootstrap);
    p.setProperty("guarantee", guarantee.name());
    p.setProperty("partitions", Integer.toString(partitions));
    p.setProperty("replicationFactor", Integer.toString(replicationFactor));
    p.setProperty("sessionTimeout", sessionTimeout.toString());
    transactionTimeout.ifPresent(d -> p.setProperty("transactionTimeout", d.toString()));
    commitInterval.ifPresent(d -> p.setProperty("commitInterval", d.toString()));
    p.setProperty("workDir", workDir.toAbsolutePath().toString());
  }

  /**
   * @param p written by {@link #write}
   * @return the settings
   */
  public static WorkerSettings read(Properties p) {
    return new WorkerSettings(p.getProperty("kind"), p.getProperty("appId"),
        p.getProperty("bootstrap"), ProcessingGuarantee.valueOf(p.getProperty("guarantee")),
        Integer.parseInt(p.getProperty("partitions")),
        Integer.parseInt(p.getProperty("replicationFactor")),
        Duration.parse(p.getProperty("sessionTimeout")),
        Optional.ofNullable(p.getProperty("transactionTimeout")).map(Duration::parse),
        Optional.ofNullable(p.getProperty("commitInterval")).map(Duration::parse),
        Path.of(p.getProperty("workDir")));
  }
}
