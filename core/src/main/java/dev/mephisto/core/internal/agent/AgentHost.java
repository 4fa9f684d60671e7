package dev.mephisto.core.internal.agent;

import dev.mephisto.Channel;
import dev.mephisto.RecordMetadata;
import dev.mephisto.core.internal.AppServices;
import dev.mephisto.core.internal.Binding;
import java.time.Duration;
import java.util.Map;
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
   * @param topic a topic name
   * @param partitions partition count
   * @param like the binding whose value type and codec it uses
   * @return the created (or existing) topic's binding; keys are decoded as Object
   * @param <V> value type
   */
  <V> Binding<Object, V> internalTopic(String topic, int partitions, Binding<?, V> like);

  /**
   * @param topic a declared topic
   * @return its binding
   * @param <V> value type
   */
  <V> Binding<?, V> bindingOf(dev.mephisto.Topic<?, V> topic);

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
   * @param <V> value type
   */
  <V> CompletableFuture<RecordMetadata> sendToChannel(
      Channel<V> channel, Object key, V value, Map<String, byte[]> headers);

  /**
   * @param agent the agent
   * @param value request
   * @param replyType reply type
   * @param timeout timeout
   * @return the reply
   * @param <V> request type
   * @param <R> reply type
   */
  <V, R> CompletableFuture<R> ask(AgentRuntime<V> agent, V value, Class<R> replyType, Duration timeout);

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
}
