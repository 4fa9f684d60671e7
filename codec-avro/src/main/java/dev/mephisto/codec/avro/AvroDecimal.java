package dev.mephisto.codec.avro;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Precision and scale of a {@link java.math.BigDecimal} record component, written as Avro's {@code
 * decimal} logical type on {@code bytes}. Without it a {@code BigDecimal} is {@code decimal(38,
 * 18)}.
 *
 * <pre>{@code
 * record Payment(String id, @AvroDecimal(precision = 12, scale = 2) BigDecimal amount) {}
 * }</pre>
 *
 * <p>Encoding a value with more fraction digits than {@code scale}, or more digits than {@code
 * precision}, fails rather than rounding.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface AvroDecimal {
  /** Precision used when a {@code BigDecimal} has no annotation. */
  int DEFAULT_PRECISION = 38;

  /** Scale used when a {@code BigDecimal} has no annotation. */
  int DEFAULT_SCALE = 18;

  /** @return the total number of digits, at least 1 */
  int precision() default DEFAULT_PRECISION;

  /** @return the digits after the decimal point, between 0 and {@link #precision()} */
  int scale() default DEFAULT_SCALE;
}
