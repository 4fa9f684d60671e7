package dev.mephisto.bench.latency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The independent consumer: reads every partition of the output topic on its own platform thread
 * (assigned, no group, from the beginning) and records, for each measured record, the time from
 * its due time to now in an HdrHistogram (microseconds, 3 significant digits).
 */
public final class Receiver implements AutoCloseable {
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

  private static final int SPIKES = 10;
  private static final long WINDOW_NANOS = 100_000_000; // spikes are found per 100 ms of due time
  private static final long SPIKE_DISTANCE_NANOS = 1_000_000_000; // and reported 1 s apart at least

  private final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
  /** The highest latency (µs) per 100 ms window of due time. */
  private final Map<Long, Long> maxPerWindow = new HashMap<>();
  private final BitSet seen = new BitSet();
  private final AtomicLong any = new AtomicLong();
  private final AtomicLong measured = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final LoadGenerator.Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Exception failure;

  /**
   * Starts receiving.
   *
   * @param consumerProperties base consumer properties
   * @param topic the output topic
   * @param partitions its partitions
   * @param clock the time base shared with the load generator
   */
  public Receiver(
      Map<String, Object> consumerProperties, String topic, int partitions, LoadGenerator.Clock clock) {
    this.clock = clock;
    Map<String, Object> p = new HashMap<>(consumerProperties);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> tps = IntStream.range(0, partitions)
        .mapToObj(i -> new TopicPartition(topic, i)).toList();
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
    thread = Thread.ofPlatform().name("latency-receiver").start(() -> loop(consumer));
  }

  private void loop(KafkaConsumer<byte[], byte[]> consumer) {
    try (consumer) {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(50));
        long now = System.nanoTime() - clock.base();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          any.incrementAndGet();
          byte[] v = r.value();
          if (v == null || v.length < 30 || LoadGenerator.tag(v) != 'M') {
            continue;
          }
          int seq = (int) LoadGenerator.sequence(v);
          synchronized (seen) {
            if (seen.get(seq)) {
              duplicates.incrementAndGet();
              continue;
            }
            seen.set(seq);
          }
          long micros = Math.max(0, (now - LoadGenerator.due(v)) / 1000);
          synchronized (histogram) {
            histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
            maxPerWindow.merge(LoadGenerator.due(v) / WINDOW_NANOS, micros, Math::max);
          }
          measured.incrementAndGet();
        }
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  /** @return records of any kind received so far */
  public long any() {
    return any.get();
  }

  /** @return distinct measured records received so far */
  public long measured() {
    return measured.get();
  }

  /** @return measured records received more than once */
  public long duplicates() {
    return duplicates.get();
  }

  /** @return the failure of the receiving thread, if any */
  public Exception failure() {
    return failure;
  }

  /** @return a copy of the histogram, microseconds */
  public Histogram histogram() {
    synchronized (histogram) {
      return histogram.copy();
    }
  }

  /**
   * @param measuredStartNanos the first measured record's due time, nanoseconds after the base
   * @return the worst spikes, worst first, at least 1 s apart: {seconds after the measured start
   *     of the 100 ms window the records were due in, highest latency there in ms} — regular
   *     spacing (the commit interval, say) points at the cause
   */
  public List<double[]> spikes(long measuredStartNanos) {
    List<Map.Entry<Long, Long>> windows;
    synchronized (histogram) {
      windows = new ArrayList<>(maxPerWindow.entrySet());
    }
    windows.sort(Map.Entry.<Long, Long>comparingByValue().reversed());
    List<Long> picked = new ArrayList<>();
    List<double[]> out = new ArrayList<>();
    for (Map.Entry<Long, Long> w : windows) {
      long at = w.getKey() * WINDOW_NANOS;
      if (picked.stream().allMatch(p -> Math.abs(p - at) >= SPIKE_DISTANCE_NANOS)) {
        picked.add(at);
        out.add(new double[] {(at - measuredStartNanos) / 1e9, w.getValue() / 1000.0});
        if (out.size() == SPIKES) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
