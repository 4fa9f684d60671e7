package dev.mephisto;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A running agent: a function over a {@link Stream}, one virtual thread per instance.
 *
 * @param <V> the type of values it consumes
 */
public interface Agent<V> {
  /** @return the agent's name, unique in its app */
  String name();

  /** @return the channel (topic or in-memory channel) it consumes */
  Channel<V> channel();

  /**
   * Sends a value to the agent's channel with a key.
   *
   * @param key the key (may be null)
   * @param value the value
   * @return completes when the message is stored
   */
  CompletableFuture<RecordMetadata> send(Object key, V value);

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
  AgentTestContext<V> testContext();
}
