package dev.mephisto.codec.avro;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The precision of an {@link java.time.Instant} record component. Without it an {@code Instant} is
 * Avro's {@code timestamp-millis}, as Kafka Connect, ksqlDB and Avro's own reflection write it, so
 * sub-millisecond digits are dropped on encode.
 *
 * <pre>{@code
 * record Tick(String symbol, @AvroTimestamp(AvroTimestamp.Precision.MICROS) Instant at) {}
 * }</pre>
 *
 * <p>Decoding reads any of the three precisions the writer used, whatever is declared here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface AvroTimestamp {
  /** @return the precision written */
  Precision value();

  /** Avro's timestamp logical types. */
  enum Precision {
    /** {@code timestamp-millis}: milliseconds since the epoch. */
    MILLIS,
    /** {@code timestamp-micros}: microseconds since the epoch. */
    MICROS,
    /** {@code timestamp-nanos}: nanoseconds since the epoch. */
    NANOS
  }
}
