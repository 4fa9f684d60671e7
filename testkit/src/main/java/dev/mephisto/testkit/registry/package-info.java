/**
 * A real Confluent-compatible Schema Registry for integration tests: {@link
 * dev.mephisto.testkit.registry.EmbeddedSchemaRegistry} (Apicurio Registry from Maven Central, run
 * as a child process) and a JUnit 5 extension that injects it.
 */
package dev.mephisto.testkit.registry;
