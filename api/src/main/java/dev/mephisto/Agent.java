package dev.mephisto;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A running agent: a function over a {@link Stream}, one virtual thread per instance.
 *
 * @param <K> the key type of what it consumes
 * @param <V> the type of values it consumes
 */
public interface Agent<K, V> {
  /** @return the agent's name, unique in its app */
  String name();

  /**
   * @return where {@link #send}, {@link #cast} and {@link #ask} write: the topic or in-memory
   *     channel the agent consumes, the first of several topics; empty for an agent over a topic
   *     pattern
   */
  Optional<Channel<K, V>> channel();

  /**
   * Sends a value to the agent's channel with a key.
   *
   * @param key the key (null for none)
   * @param value the value
   * @return completes when the message is stored; fails for an agent over a topic pattern
   */
  CompletableFuture<RecordMetadata> send(@Nullable K key, V value);

  /**
   * Sends a value to the agent's channel without waiting for a reply: Faust's {@code cast}.
   *
   * @param value the value
   * @return completes when the message is stored
   */
  CompletableFuture<RecordMetadata> cast(V value);

  /**
   * Sends a value and waits for the agent's reply: the first result its body yields for it,
   * delivered over the app's reply topic with a correlation id in the headers.
   *
   * @param value the request
   * @param replyType the type to decode the reply into
   * @param timeout how long to wait; the future fails with {@link AskTimeoutException} after it
   * @return the reply
   * @param <R> reply type
   */
  <R> CompletableFuture<R> ask(V value, Class<R> replyType, Duration timeout);

  /**
   * Opens a test context: the agent runs on its own in-memory channel, values put in are
   * processed in order, and results and sent messages are collected. Faust's {@code
   * test_context()}.
   *
   * @return a context to close when done
   */
  AgentTestContext<K, V> testContext();
}
