/**
 * The examples launcher: {@code ./mvnw -q -pl examples exec:java -Dexample=<name>} runs {@link
 * dev.mephisto.examples.Examples}, which starts an embedded Kafka broker (unless {@code --broker}
 * is given) and one {@link dev.mephisto.examples.Example}. Each example lives in its own package.
 */
package dev.mephisto.examples;
