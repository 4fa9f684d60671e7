package dev.mephisto.codec.avro;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default of a record component in the derived Avro schema, as Avro's JSON. A reader uses it
 * for messages written before the field existed, which is what makes adding a field a compatible
 * change.
 *
 * <pre>{@code
 * record Order(String id, int amount, @AvroDefault("1") int quantity,
 *     @AvroDefault("\"EUR\"") String currency) {}
 * }</pre>
 *
 * <p>Prefer {@link dev.mephisto.FieldDefault} ({@code @FieldDefault("EUR")}): it gives the same
 * schema default and {@code json} honours it too. {@code @AvroDefault} is for what it cannot
 * write, such as a non-empty array or a record as JSON. A component may not carry both. {@code
 * Optional} and {@code @Nullable} components default to {@code null} without either.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface AvroDefault {
  /** @return the default as JSON, e.g. {@code "0"}, {@code "\"none\""}, {@code "[]"}, {@code "null"} */
  String value();
}
