/**
 * Spring Boot support: the application's {@link dev.mephisto.App} as a bean configured from
 * {@code mephisto.*} properties, its worker started and stopped with the application context, an
 * Actuator health contributor {@code mephisto} and the app's metrics on the context's {@code
 * MeterRegistry}. Add {@code dev.mephisto:mephisto-spring-boot-starter}; everything here is
 * auto-configured.
 */
package dev.mephisto.spring.boot;
