package dev.mephisto.testkit.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The properties of a single-node KRaft broker made for tests. */
public final class BrokerConfig {
  /** Node id of the one combined broker and controller. */
  public static final int NODE_ID = 1;

  private BrokerConfig() {}

  /**
   * @param dataDir directory for log segments and the metadata log
   * @param brokerPort port of the client listener on 127.0.0.1
   * @param controllerPort port of the controller listener on 127.0.0.1
   * @param overrides properties that replace the defaults
   * @return every broker property, in a stable order
   */
  public static Map<String, String> properties(
      Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toAbsolutePath().toString());

    // One node: every internal topic has one replica and one in-sync replica. Few partitions,
    // because each one costs start-up time the first time a group or transaction uses it.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "1");

    // The runtime creates its topics itself; a typo must not silently create one.
    p.put("auto.create.topics.enable", "false");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Lets tests use short session timeouts to exercise fail-over quickly.
    p.put("group.min.session.timeout.ms", "1000");
    // Timed-out transactions of a killed producer are aborted within a second, not ten.
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    p.put("transaction.remove.expired.transaction.cleanup.interval.ms", "10000");
    p.put("transactional.id.expiration.ms", "600000");

    // The 128 MiB default dedupe buffer is allocated on the heap of the test JVM.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    p.put("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
    p.put("log.cleaner.backoff.ms", "1000");
    // A test machine has few cores; the defaults are sized for a server.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
    p.put("controlled.shutdown.enable", "true");
    p.put("server.max.startup.time.ms", "60000");
    p.putAll(overrides);
    return p;
  }
}
