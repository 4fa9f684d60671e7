package dev.mephisto.spring.boot;

import dev.mephisto.App;

/**
 * Declares on the application's {@link App} what need not be a bean itself — timers, cron
 * tasks, agents nothing injects — right before the worker starts, after every other bean was
 * made. Beans of this type run in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * AppConfigurer audit(Topic<String, Order> orders) {
 *   return app -> app.agent(orders).name("audit").start(stream -> {
 *     for (Order order : stream) {
 *       log.info("order {}", order);
 *     }
 *   });
 * }
 * }</pre>
 *
 * <p>Topics, tables and agents that other beans use are better declared as beans of their own,
 * {@code @Bean Topic<String, Order> orders(App app) { return app.topic(...); }}, so that they
 * can be injected.
 */
@FunctionalInterface
public interface AppConfigurer {
  /**
   * @param app the application's app, not started yet
   */
  void configure(App app);
}
