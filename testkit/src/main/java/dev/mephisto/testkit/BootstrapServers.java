package dev.mephisto.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter that {@link KafkaExtension} fills with the shared cluster's
 * bootstrap servers.
 *
 * <pre>{@code
 * @Test
 * void connects(@BootstrapServers String bootstrap) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BootstrapServers {}
