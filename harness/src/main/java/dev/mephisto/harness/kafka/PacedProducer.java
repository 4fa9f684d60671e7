package dev.mephisto.harness.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records {@code 0, 1, 2, ...} made by a function, at a steady rate, on its own thread,
 * until a count is reached or it is stopped. Every send is acknowledged by the broker (acks=all,
 * idempotent) before {@link #awaitDone} returns; a failed send fails the run.
 */
public final class PacedProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final LongFunction<ProducerRecord<byte[], byte[]>> records;
  private final long count;
  private final double perSecond;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean stop;
  private volatile long startMillis;
  private volatile long endMillis;
  private Thread thread;

  /**
   * @param broker the cluster
   * @param records record {@code i}
   * @param count how many ({@code Long.MAX_VALUE}: until stopped)
   * @param perSecond the rate; 0 or less: as fast as possible
   */
  public PacedProducer(Broker broker, LongFunction<ProducerRecord<byte[], byte[]>> records,
      long count, double perSecond) {
    this.producer = new KafkaProducer<>(broker.producerProps());
    this.records = records;
    this.count = count;
    this.perSecond = perSecond;
  }

  /**
   * @param first index of the first record
   * @return this, sending on a new thread
   */
  public PacedProducer start(long first) {
    thread = Thread.ofPlatform().name("harness-producer").start(() -> run(first));
    return this;
  }

  private void run(long first) {
    startMillis = System.currentTimeMillis();
    long t0 = System.nanoTime();
    long end = count > Long.MAX_VALUE - first ? Long.MAX_VALUE : first + count;
    try {
      for (long i = first; i < end && !stop; i++) {
        if (perSecond > 0) {
          long due = t0 + (long) ((i - first) * 1e9 / perSecond);
          long wait;
          while ((wait = due - System.nanoTime()) > 0 && !stop) {
            LockSupport.parkNanos(Math.min(wait, 5_000_000)); // pacing, not waiting for a condition
          }
        }
        producer.send(records.apply(i), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acked.incrementAndGet();
          }
        });
        sent.incrementAndGet();
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      endMillis = System.currentTimeMillis();
      done.countDown();
    }
  }

  /** Stops sending (what was sent is still flushed). */
  public void stop() {
    stop = true;
  }

  /** @return whether every record was sent and acknowledged (or it was stopped and flushed) */
  public boolean done() {
    return done.getCount() == 0;
  }

  /**
   * @param timeout the longest wait
   * @return records acknowledged
   * @throws IllegalStateException if a send failed or it did not finish in time
   */
  public long awaitDone(Duration timeout) {
    try {
      if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("The producer did not finish within " + timeout.toSeconds()
            + " s: " + sent.get() + " sent, " + acked.get() + " acknowledged");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while producing", e);
    }
    Exception f = failure.get();
    if (f != null) {
      throw new IllegalStateException("The harness could not produce its input: " + f, f);
    }
    return acked.get();
  }

  /** @return records sent so far */
  public long sent() {
    return sent.get();
  }

  /** @return when sending began, epoch milliseconds */
  public long startMillis() {
    return startMillis;
  }

  /** @return when the last record was acknowledged, epoch milliseconds (0 before) */
  public long endMillis() {
    return endMillis;
  }

  @Override
  public void close() {
    stop = true;
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(10));
  }
}
