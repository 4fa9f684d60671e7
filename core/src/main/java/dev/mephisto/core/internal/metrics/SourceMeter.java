package dev.mephisto.core.internal.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Measures one stream source (one agent instance reading one topic): records in, time per record
 * (from the record handed to the agent until it asks for the next) and end-to-end latency (the
 * record's timestamp until then). Used by one thread at a time; allocates nothing per record.
 */
public final class SourceMeter {
  /** Measures nothing (test contexts, streams outside agents). */
  public static final SourceMeter NONE = new SourceMeter(null, null);

  private final AgentMeters agent;
  private final Counter in;
  private Thread owner;
  private long takenNanos;
  private long timestamp;

  SourceMeter(AgentMeters agent, String topic) {
    this.agent = agent;
    this.in = agent == null ? null : agent.in(topic);
  }

  /** The agent asks for its next record: the one it had is processed. */
  public void pulling() {
    if (takenNanos != 0) {
      long now = System.nanoTime();
      agent.processing().record(now - takenNanos, TimeUnit.NANOSECONDS);
      if (timestamp > 0) {
        agent.endToEnd().record(Math.max(0, System.currentTimeMillis() - timestamp),
            TimeUnit.MILLISECONDS);
      }
      takenNanos = 0;
    }
  }

  /**
   * A record was handed to the agent.
   *
   * @param record the record (its timestamp starts the end-to-end latency)
   */
  public void took(ConsumerRecord<byte[], byte[]> record) {
    if (agent == null) {
      return;
    }
    in.increment();
    takenNanos = System.nanoTime();
    timestamp = record.timestamp();
    Thread t = Thread.currentThread();
    if (owner != t) { // sends from this thread count as this agent's output
      owner = t;
      WorkerMetrics.bindThread(agent);
    }
  }
}
