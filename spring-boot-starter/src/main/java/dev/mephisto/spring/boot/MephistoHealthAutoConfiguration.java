package dev.mephisto.spring.boot;

import dev.mephisto.App;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator's health contributor {@code mephisto} ({@link MephistoHealthIndicator}), when the
 * application has Spring Boot's health support ({@code spring-boot-starter-actuator}); off with
 * {@code management.health.mephisto.enabled=false}.
 */
@AutoConfiguration(after = MephistoAutoConfiguration.class)
@ConditionalOnClass({App.class, HealthIndicator.class})
@ConditionalOnBean(MephistoLifecycle.class)
@ConditionalOnEnabledHealthIndicator("mephisto")
public class MephistoHealthAutoConfiguration {

  /** Made by Spring. */
  public MephistoHealthAutoConfiguration() {}

  /**
   * @param app the app
   * @param worker its worker's state
   * @return the contributor, named {@code mephisto} after the bean
   */
  @Bean
  @ConditionalOnMissingBean(name = "mephistoHealthIndicator")
  public MephistoHealthIndicator mephistoHealthIndicator(App app, MephistoWorkerState worker) {
    return new MephistoHealthIndicator(app, worker);
  }
}
