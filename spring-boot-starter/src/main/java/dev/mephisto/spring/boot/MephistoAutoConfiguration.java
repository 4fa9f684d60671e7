package dev.mephisto.spring.boot;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;
import dev.mephisto.ConfigurationException;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.stream.StreamOperator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Makes the application's {@link App} from the {@code mephisto.*} properties ({@link
 * MephistoProperties}), the {@link AppBuilderCustomizer}s and the codec, store and operator
 * beans, and ties its worker to the application context ({@link MephistoLifecycle}). Its
 * worker's state is a bean ({@link MephistoWorkerState}, behind the health contributor), and its
 * meters go to the context's Micrometer {@code MeterRegistry} when there is one (Actuator's), so
 * {@code /actuator/prometheus} and {@code /actuator/metrics} show them.
 *
 * <p>Declare topics, tables and agents as beans made from the app, and other declarations with
 * {@link AppConfigurer}s:
 *
 * <pre>{@code
 * @Bean
 * Topic<String, Order> orders(App app) {
 *   return app.topic("orders", String.class, Order.class);
 * }
 *
 * @Bean
 * Table<String, Long> orderCount(App app) {
 *   return app.table("order_count", String.class, Long.class, 0L);
 * }
 *
 * @Bean
 * Agent<String, Order> countOrders(App app, Topic<String, Order> orders, Table<String, Long> counts) {
 *   return app.agent(orders).name("count-orders").start(stream -> {
 *     for (Order order : stream) {
 *       counts.update(order.accountId(), n -> n + 1);
 *     }
 *   });
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass(App.class)
@EnableConfigurationProperties(MephistoProperties.class)
public class MephistoAutoConfiguration {

  /** Made by Spring. */
  public MephistoAutoConfiguration() {}

  /**
   * The app, built but not started; {@link MephistoLifecycle} starts it with the context.
   *
   * @param properties {@code mephisto.*}
   * @param environment for {@code spring.application.name}
   * @param customizers applied after the properties, in order
   * @param codecs codec providers to register
   * @param stores store providers to register
   * @param operators stream operators to register
   * @return the app
   */
  @Bean
  @ConditionalOnMissingBean
  public App mephistoApp(
      MephistoProperties properties,
      Environment environment,
      ObjectProvider<AppBuilderCustomizer> customizers,
      ObjectProvider<CodecProvider> codecs,
      ObjectProvider<StoreProvider> stores,
      ObjectProvider<StreamOperator> operators) {
    // Spring's Environment is the one source of settings here: MEPHISTO_* variables reach the
    // app through it (Spring's relaxed binding), not a second time through the builder.
    AppBuilder builder = App.builder(appId(properties, environment)).environment(Map.of());
    PropertiesToBuilder.apply(properties, builder);
    codecs.orderedStream().forEach(builder::codec);
    stores.orderedStream().forEach(builder::storeProvider);
    operators.orderedStream().forEach(builder::operator);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /**
   * Starts the worker when the context has started and stops it, draining and committing, when
   * the context closes.
   *
   * @param app the app
   * @param properties for {@code mephisto.auto-startup}
   * @param configurers run right before the worker starts
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  public MephistoLifecycle mephistoLifecycle(
      App app, MephistoProperties properties, ObjectProvider<AppConfigurer> configurers) {
    return new MephistoLifecycle(app, properties.autoStartup(),
        () -> configurers.orderedStream().toList());
  }

  /**
   * The worker's state, told by the app from its first state on (not lazy, so that it is
   * registered before the worker starts).
   *
   * @param app the app
   * @return its worker's state
   */
  @Bean
  @Lazy(false)
  @ConditionalOnMissingBean
  public MephistoWorkerState mephistoWorkerState(App app) {
    return MephistoWorkerState.of(app);
  }

  /** Binds the app's meters to the context's {@code MeterRegistry}, when it has one. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Metrics {
    /**
     * Runs first, so that an application's own customizer may still pick another registry.
     *
     * @param registry the context's registry (the primary one if several)
     * @return a customizer passing it to {@link AppBuilder#meterRegistry(Object)}
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AppBuilderCustomizer mephistoMeterRegistry(ObjectProvider<MeterRegistry> registry) {
      return builder -> registry.ifUnique(builder::meterRegistry);
    }
  }

  static String appId(MephistoProperties properties, Environment environment) {
    if (properties.id() != null && !properties.id().isBlank()) {
      return properties.id();
    }
    String name = environment.getProperty("spring.application.name");
    if (name != null && !name.isBlank()) {
      return name;
    }
    throw new ConfigurationException("The Mephisto app has no id: neither 'mephisto.id' nor "
        + "'spring.application.name' is set; set one, e.g. mephisto.id=order-app (the consumer "
        + "group and the prefix of internal topics)");
  }
}
