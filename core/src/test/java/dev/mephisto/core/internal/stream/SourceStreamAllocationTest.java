package dev.mephisto.core.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mephisto.Topic;
import dev.mephisto.codec.Codec;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.CommitGate;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.offsets.PartitionTracker;
import dev.mephisto.stream.StreamOperator;
import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The guard around decoding (poison, transient, errors) costs nothing on the common path: pulling
 * records whose values decode allocates no bytes per record in the stream itself.
 */
class SourceStreamAllocationTest {
  private static final int RECORDS = 200_000;

  /** A codec that decodes without allocating: every value is the same object. */
  private static final Object VALUE = "v";
  private static final Codec SAME = new Codec() {
    @Override
    public byte[] encode(Object value) {
      return new byte[0];
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
      return type.cast(VALUE);
    }
  };

  private static final class Host implements StreamHost {
    @Override
    public String agentName() {
      return "a";
    }

    @Override
    public void pulling() {}

    @Override
    public void undecodable(Delivery d, RuntimeException error) {
      throw new AssertionError(error);
    }

    @Override
    public RuntimeException refuses(Delivery d) {
      return null;
    }

    @Override
    public boolean outputFailed(java.util.List<Delivery> inputs, Throwable error) {
      throw new AssertionError(error);
    }

    @Override
    public boolean ending() {
      return false;
    }

    @Override
    public void fatal(String what, Throwable error) {
      throw new AssertionError(error);
    }

    @Override
    public <K, V> AbstractStream<K, V> repartition(AbstractStream<?, V> up,
        Function<? super V, ? extends K> k, Class<K> keyType, String n) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <K, V> AbstractStream<K, V> through(AbstractStream<K, V> upstream, Topic<K, V> topic) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void echo(Topic<?, ?> topic, Object value, SourceStream<?, ?> source) {}

    @Override
    public StreamOperator operator(String name) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void decodingThatSucceedsAllocatesNothingPerRecord() throws Exception {
    var threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported(), "allocation counters");
    com.sun.management.ThreadMXBean counters = (com.sun.management.ThreadMXBean) threads;
    counters.setThreadAllocatedMemoryEnabled(true);
    Binding<Object, String> binding =
        new Binding<>("t", Object.class, String.class, "same", SAME, "same", SAME);
    PartitionTracker tracker = new PartitionTracker(new TopicPartition("t", 0));
    LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    byte[] bytes = {1};
    for (int i = 0; i < RECORDS; i++) {
      Delivery d = new Delivery(new ConsumerRecord<>("t", 0, i, null, bytes), tracker, 1);
      tracker.add(d);
      queue.add(d);
    }
    queue.add(AbstractStream.END);
    SourceStream<Object, String> stream =
        new SourceStream<>(queue, binding, null, new Host(), new CommitGate());
    Iterator<String> it = stream.iterator();
    for (int i = 0; i < 1_000; i++) { // warm up: lists grow to their size
      assertEquals(VALUE, it.next());
    }
    long before = counters.getCurrentThreadAllocatedBytes();
    int n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    long perRecord = (counters.getCurrentThreadAllocatedBytes() - before) / n;
    assertEquals(RECORDS - 1_000, n);
    assertTrue(perRecord < 8, "bytes allocated per record: " + perRecord);
  }
}
