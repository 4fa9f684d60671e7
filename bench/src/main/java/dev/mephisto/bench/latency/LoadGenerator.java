package dev.mephisto.bench.latency;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records at a fixed rate from one platform thread. Record {@code i} is due at {@code start +
 * i / rate}; its value carries that due time, not the time it was actually sent, so a sender that
 * falls behind (GC, a full buffer) shows as latency instead of silently sending less: no
 * coordinated omission.
 *
 * <p>A value is {@value #VALUE_SIZE} ASCII bytes: a tag ({@code P} probe, {@code W} warm-up,
 * {@code M} measured), the due time in nanoseconds after {@link Clock#base}, 19 digits, the
 * sequence number of a measured record, 10 digits, then lower-case padding. Upper-casing (the
 * {@code pipe} workload) keeps tag and digits.
 */
public final class LoadGenerator implements AutoCloseable {
  /** Bytes of a value, as in the throughput bench. */
  public static final int VALUE_SIZE = 100;
  private static final int KEYS = 10_000;

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final Clock clock;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile long measuredStart;

  /** A shared time base, so that values carry small positive numbers. */
  public record Clock(long base) {
    /** @return a clock based now */
    public static Clock start() {
      return new Clock(System.nanoTime());
    }
  }

  /**
   * @param producerProperties base producer properties (bootstrap, acks=all)
   * @param topic the input topic
   * @param clock the time base shared with the receiver
   */
  public LoadGenerator(Map<String, Object> producerProperties, String topic, Clock clock) {
    Map<String, Object> p = new HashMap<>(producerProperties);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0); // the same for all three: send as soon as due
    this.producer = new KafkaProducer<>(p);
    this.topic = topic;
    this.clock = clock;
  }

  /**
   * Sends one probe record.
   *
   * @param i a number for its key
   */
  public void probe(long i) {
    send(i, value('P', System.nanoTime() - clock.base(), 0));
  }

  /**
   * Sends {@code warmup + measured} records at {@code rate} per second, blocking until the last is
   * handed to the producer, then flushes.
   *
   * @param rate records per second
   * @param warmup records tagged warm-up first
   * @param measured records tagged measured after them
   * @return nanoseconds from the first measured record's due time to the last one's send
   * @throws IllegalStateException if a send failed
   */
  public long run(int rate, long warmup, long measured) {
    double period = 1e9 / rate;
    long start = System.nanoTime();
    long measuredStart = start + Math.round(warmup * period);
    this.measuredStart = measuredStart - clock.base();
    long total = warmup + measured;
    for (long i = 0; i < total; i++) {
      long due = start + Math.round(i * period);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      boolean measuring = i >= warmup;
      send(i, value(measuring ? 'M' : 'W', due - clock.base(), measuring ? i - warmup : 0));
      if (failure.get() != null) {
        throw new IllegalStateException("the load generator's send failed", failure.get());
      }
    }
    long end = System.nanoTime();
    producer.flush();
    return end - measuredStart;
  }

  /** @return the first measured record's due time, nanoseconds after the base (after {@link #run}) */
  public long measuredStart() {
    return measuredStart;
  }

  private void send(long i, byte[] value) {
    byte[] key = Long.toString(i % KEYS).getBytes(StandardCharsets.US_ASCII);
    producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
  }

  static byte[] value(char tag, long dueNanos, long sequence) {
    byte[] v = new byte[VALUE_SIZE];
    Arrays.fill(v, (byte) 'x');
    v[0] = (byte) tag;
    digits(v, 1, 19, dueNanos);
    digits(v, 20, 10, sequence);
    return v;
  }

  private static void digits(byte[] v, int from, int width, long n) {
    long rest = n;
    for (int i = from + width - 1; i >= from; i--) {
      v[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
  }

  /**
   * @param value a value as this class writes it, possibly upper-cased
   * @return its tag
   */
  static char tag(byte[] value) {
    return (char) value[0];
  }

  /** @return the due time a value carries, nanoseconds after the base */
  static long due(byte[] value) {
    return number(value, 1, 19);
  }

  /** @return the sequence number a measured value carries */
  static long sequence(byte[] value) {
    return number(value, 20, 10);
  }

  private static long number(byte[] v, int from, int width) {
    long n = 0;
    for (int i = from; i < from + width; i++) {
      n = n * 10 + (v[i] - '0');
    }
    return n;
  }

  @Override
  public void close() {
    producer.close();
  }
}
