package dev.mephisto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java record (or a sealed interface of records) as a Mephisto model, Faust's
 * {@code faust.Record}.
 *
 * <pre>{@code
 * @Model(serializer = "json", namespace = "myapp.models.Order", naming = Naming.SNAKE_CASE)
 * record Order(String accountId, int amount) {}
 * // {"account_id": "a1", "amount": 3, "__faust": {"ns": "myapp.models.Order"}}
 * }</pre>
 *
 * <p>Field names come from {@link #naming()}, or a component's {@link FieldName}; a field absent
 * from a message takes the component's {@link FieldDefault}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Model {
  /**
   * The codec chain for values of this type, e.g. {@code "json"} or {@code "json|binary"}. Empty
   * means: the topic's codec, else the app's default.
   *
   * @return a codec chain spec, or empty
   */
  String serializer() default "";

  /**
   * The namespace written as {@code "__faust": {"ns": ...}} and used to pick the record when
   * decoding into a sealed interface. Empty means the class's binary name.
   *
   * @return the namespace, or empty for the class name
   */
  String namespace() default "";

  /**
   * Whether the {@code json} codec writes Faust's {@code "__faust"} metadata field. Reading accepts
   * messages with and without it either way.
   *
   * @return true to write the metadata (the default, as Faust does)
   */
  boolean faustMetadata() default true;

  /**
   * How the record's components are named in messages ({@code json}) and in the schema a codec
   * derives ({@code avro}). A component's {@link FieldName} wins over it. It applies to this record
   * only: a record nested in it follows its own {@code @Model}.
   *
   * @return the naming strategy; {@link Naming#AS_DECLARED} (the Java names) by default
   */
  Naming naming() default Naming.AS_DECLARED;
}
