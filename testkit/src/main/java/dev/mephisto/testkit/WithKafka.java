package dev.mephisto.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class (or method) the Kafka cluster shared by every test of the JVM: see {@link
 * KafkaExtension}. Test methods, constructors and lifecycle methods may declare parameters of
 * type {@link KafkaCluster}, {@link EmbeddedKafka}, {@link KafkaTestClient}, or a {@code String}
 * annotated {@link BootstrapServers}.
 *
 * <pre>{@code
 * @WithKafka
 * class PipeIT {
 *   @Test
 *   void pipesRecords(KafkaCluster kafka) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {}
