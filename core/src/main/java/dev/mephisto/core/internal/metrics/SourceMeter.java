package dev.mephisto.core.internal.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Measures one stream source (one agent instance reading one topic, several topics or a pattern):
 * records in per topic (every record),
 * time per record (from the record handed to the agent until it asks for the next) and
 * end-to-end latency (the record's timestamp until then).
 *
 * <p>The two latencies are sampled: every record while the agent keeps up (nothing else is
 * waiting in its queue), one in {@value #UNDER_LOAD} under load. A clock read costs 100 ns or
 * more on some virtual machines and a histogram update about 300 ns; timing every record cost
 * the consume benchmark 15-30 % of its throughput. Used by one thread at a time; allocates
 * nothing per record.
 */
public final class SourceMeter {
  /** Measures nothing (test contexts, streams outside agents). */
  public static final SourceMeter NONE = new SourceMeter(null, null);

  /** One record in this many is timed while others wait in the agent's queue. */
  static final int UNDER_LOAD = 32;

  private final AgentMeters agent;
  private Counter in;
  private String inTopic;
  private int countdown = 1;
  private Thread owner;
  private long takenNanos;
  private long timestamp;

  SourceMeter(AgentMeters agent, String topic) {
    this.agent = agent;
    this.inTopic = topic;
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
   * @param waiting whether more records wait in the agent's queue (then it is timed only once in
   *     {@value #UNDER_LOAD} records)
   */
  public void took(ConsumerRecord<byte[], byte[]> record, boolean waiting) {
    if (agent == null) {
      return;
    }
    String topic = record.topic();
    if (topic != inTopic && !topic.equals(inTopic)) { // a source of several topics
      inTopic = topic;
      in = agent.in(topic);
    }
    in.increment();
    if (--countdown <= 0 || !waiting) {
      countdown = UNDER_LOAD;
      takenNanos = System.nanoTime();
      timestamp = record.timestamp();
    }
    Thread t = Thread.currentThread();
    if (owner != t) { // sends from this thread count as this agent's output
      owner = t;
      WorkerMetrics.bindThread(agent);
    }
  }
}
