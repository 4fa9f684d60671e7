package dev.mephisto.examples.spring;

import dev.mephisto.testkit.EmbeddedKafka;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Like every example here: with no {@code mephisto.broker} given (property, argument or {@code
 * MEPHISTO_BROKER}), start an embedded Kafka broker for this run, and stop it after the context
 * closed (after the worker committed).
 */
final class EmbeddedBrokerWhenNoneGiven implements ApplicationListener<ApplicationPreparedEvent> {
  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    ConfigurableEnvironment env = event.getApplicationContext().getEnvironment();
    if (env.containsProperty("mephisto.broker")) {
      return;
    }
    System.out.println("No mephisto.broker given: starting an embedded Kafka broker for this run...");
    EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
    env.getPropertySources().addFirst(new MapPropertySource("embedded-kafka",
        Map.of("mephisto.broker", "kafka://" + kafka.bootstrapServers())));
    // Registered before every bean: destroyed after all of them, the worker's stop included.
    ((DefaultListableBeanFactory) event.getApplicationContext().getBeanFactory())
        .registerDisposableBean("embeddedKafka", kafka::close);
  }
}
