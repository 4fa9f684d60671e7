package dev.mephisto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks public API that may still change in a minor release: new types and methods whose shape
 * is not settled yet, as JUnit's {@code @API(status = EXPERIMENTAL)} or Guava's {@code @Beta}.
 * Everything not marked follows the usual rules: it changes only in a major release.
 *
 * <p>Use it freely, but expect to adapt your code when you upgrade; the release notes name every
 * change to experimental API. Tools can find it by reflection (it is kept at run time).
 *
 * <pre>{@code
 * @Experimental
 * public interface TopicPattern<K, V> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD,
    ElementType.PACKAGE})
public @interface Experimental {
  /** @return why it may change, or what is expected to change; empty when nothing more to say */
  String value() default "";
}
