package dev.mephisto.spring.boot;

import dev.mephisto.App;
import dev.mephisto.AppBuilder;

/**
 * Changes the {@link AppBuilder} after the {@code mephisto.*} properties were applied and
 * before the app is built: for what properties cannot say (a listener, a codec provider made in
 * code, a setting computed at start). Beans of this type run in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * AppBuilderCustomizer tuning() {
 *   return builder -> builder.commitEvery(500);
 * }
 * }</pre>
 *
 * <p>Beans of type {@code CodecProvider}, {@code StoreProvider} and {@code StreamOperator} need
 * no customizer: the starter registers them with the builder itself.
 */
@FunctionalInterface
public interface AppBuilderCustomizer {
  /**
   * @param builder the builder of the application's app
   */
  void customize(AppBuilder builder);
}
