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
 * @Model(serializer = "json", namespace = "myapp.models.Order")
 * record Order(String accountId, int amount) {}
 * }</pre>
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
}
