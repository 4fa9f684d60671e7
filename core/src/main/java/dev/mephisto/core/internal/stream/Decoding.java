package dev.mephisto.core.internal.stream;

import dev.mephisto.CodecException;
import dev.mephisto.TransientCodecException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a decode failure means. Anything a codec throws while decoding a record is the record's
 * fault (poison: to the dead-letter topic) unless it is a {@link TransientCodecException} (the
 * registry is down: retry while the partition waits) or an {@link Error} the payload cannot have
 * caused (a broken class path: the worker stops).
 *
 * <p>Errors the payload can cause: {@link StackOverflowError} (a value nested too deeply; the
 * stack unwound when it was caught, nothing shared is damaged), and {@link OutOfMemoryError} when
 * the heap has room again once the failed decode's garbage is collected (the payload asked for
 * one huge allocation or built a huge structure). An {@code OutOfMemoryError} after which the heap
 * stays nearly full is the worker's own: it stops, and a restart with more heap processes the
 * record.
 */
final class Decoding {
  private static final Logger log = LoggerFactory.getLogger(Decoding.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final long SLICE_NANOS = Duration.ofMillis(100).toNanos();
  /** Heap use after a collection above which an OutOfMemoryError is the worker's, not the payload's. */
  private static final double HEAP_FULL = 0.75;

  private Decoding() {}

  /**
   * @param what {@code "value"} or {@code "key"}
   * @param r the record
   * @param spec the codec chain
   * @return {@code "Cannot decode value of topic 't' partition p offset o with 'json'"}
   */
  static String location(String what, ConsumerRecord<byte[], byte[]> r, String spec) {
    return "Cannot decode " + what + " of topic '" + r.topic() + "' partition " + r.partition()
        + " offset " + r.offset() + " with '" + spec + "'";
  }

  /**
   * @param what {@code "value"} or {@code "key"}
   * @param r the record
   * @param spec the codec chain
   * @param failure what the codec threw (not a {@link TransientCodecException})
   * @return the failure as a {@link CodecException} with the record's coordinates, for the
   *     dead-letter topic
   * @throws Error {@code failure} itself when it is an error the payload cannot have caused
   */
  static CodecException poison(String what, ConsumerRecord<byte[], byte[]> r, String spec,
      Throwable failure) {
    String location = location(what, r, spec);
    if (failure instanceof CodecException e) {
      return e.withLocation(location);
    }
    if (failure instanceof StackOverflowError) {
      return new CodecException(location + ": the codec overflowed the stack (the " + what
          + " nests too deeply)", failure);
    }
    if (failure instanceof OutOfMemoryError oom) {
      if (!heapRecovered()) {
        throw oom;
      }
      return new CodecException(location + ": the codec ran out of memory (" + oom.getMessage()
          + "): the " + what + " asks for more than the heap holds", failure);
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new CodecException(location + ": the codec threw " + failure, failure);
  }

  private static boolean heapRecovered() {
    // rare path: the failed decode's allocations are garbage now that its frames are gone
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    return used < rt.maxMemory() * HEAP_FULL;
  }

  /**
   * Waits before the next attempt of a transient failure, doubling the wait from 100 ms to 10 s.
   *
   * @param attempt 1 for the first failure
   * @param failure the failure, with its location
   * @param giveUp checked every 100 ms: true when the record no longer needs decoding here
   * @return false if {@code giveUp} said so (or the thread was interrupted) before the wait ended
   */
  static boolean backOff(int attempt, TransientCodecException failure, BooleanSupplier giveUp) {
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
    if (wait.compareTo(MAX_BACKOFF) > 0) {
      wait = MAX_BACKOFF;
    }
    if (attempt == 1 || attempt % 10 == 0) {
      log.warn("{} (attempt {}, transient); the partition waits and it is tried again in {} ms",
          failure.getMessage(), attempt, wait.toMillis());
    } else {
      log.debug("{} (attempt {}, transient); retrying in {} ms", failure.getMessage(), attempt,
          wait.toMillis());
    }
    long deadline = System.nanoTime() + wait.toNanos();
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      if (giveUp.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(Math.min(left, SLICE_NANOS));
    }
    return !giveUp.getAsBoolean();
  }
}
