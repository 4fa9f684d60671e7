package dev.mephisto.core.internal.agent;

import dev.mephisto.Channel;
import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.AppServices;
import dev.mephisto.core.internal.Binding;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What agents need of their app. */
public interface AgentHost {
  /** @return shared services */
  AppServices services();

  /** @return the app id */
  String appId();

  /** The set of topics agents consume changed: resubscribe if running. */
  void topicsChanged();

  /**
   * Creates an internal topic (and its dead-letter topic) if missing.
   *
   * @param topic a topic name
   * @param partitions partition count
   * @param keyType the class keys decode into
   * @param keySpec the key codec chain
   * @param valueType the class values decode into
   * @param valueSpec the value codec chain
   * @return the topic's binding
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> Binding<K, V> internalTopic(String topic, int partitions, Class<K> keyType,
      String keySpec, Class<V> valueType, String valueSpec);

  /**
   * @param topic a declared topic
   * @return its binding
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> Binding<K, V> bindingOf(dev.mephisto.Topic<K, V> topic);

  /**
   * @param topic a topic name
   * @return its partition count
   */
  int partitionsOf(String topic);

  /**
   * Sends to a topic or in-memory channel.
   *
   * @param channel where
   * @param key key
   * @param value value
   * @param headers headers
   * @return the ack
   * @param <K> key type
   * @param <V> value type
   */
  <K, V> CompletableFuture<RecordMetadata> sendToChannel(
      Channel<K, V> channel, K key, V value, Map<String, byte[]> headers);

  /**
   * @param agent the agent
   * @param value request
   * @param replyType reply type
   * @param timeout timeout
   * @return the reply
   * @param <K> key type
   * @param <V> request type
   * @param <R> reply type
   */
  <K, V, R> CompletableFuture<R> ask(AgentRuntime<K, V> agent, V value, Class<R> replyType, Duration timeout);

  /**
   * Sends a reply to an ask.
   *
   * @param replyTo reply topic
   * @param correlationId correlation id
   * @param result the result
   */
  void reply(String replyTo, byte[] correlationId, Object result);

  /**
   * @param header the value of an incoming {@code mephisto.reply-to} header
   * @return why an agent must not reply to the topic it names (the record goes to the
   *     dead-letter topic instead of the agent), or null if it may
   */
  RuntimeException refusedReplyTopic(byte[] header);

  /**
   * Something the worker cannot go on without failed (an agent with policy STOP, a
   * configuration error found while running, dead-lettering that keeps failing): the worker
   * stops and exits non-zero.
   *
   * @param what what failed, e.g. {@code "Agent 'counter'"}
   * @param error why
   */
  void fatal(String what, Throwable error);

  /** @return the app, as its users see it */
  dev.mephisto.App app();

  /** @return the table runtime, if this build has tables */
  Optional<dev.mephisto.core.internal.table.TableRuntime> tableRuntime();
}
