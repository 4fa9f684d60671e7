package dev.mephisto.core.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.core.internal.agent.AgentHost;
import dev.mephisto.core.internal.agent.AgentRuntime;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An app's two sides of ask/reply: the asking side (its reply topic and the consumer reading it,
 * made at the first ask) and the replying side (an agent's result sent to the asker's topic, only
 * to reply topics the app allows and that exist).
 */
final class AppReplies {
  private final AppServices services;
  private final Set<String> existingTopics = ConcurrentHashMap.newKeySet();
  private volatile Replies replies;

  /** @param services shared services */
  AppReplies(AppServices services) {
    this.services = services;
  }

  private Replies replies() {
    Replies r = replies;
    if (r == null) {
      synchronized (this) {
        if (replies == null) {
          replies = new Replies(services);
        }
        r = replies;
      }
    }
    r.ensureStarted();
    return r;
  }

  /** See {@link AgentHost#ask}; {@code app} sends the request. */
  <K, V, R> CompletableFuture<R> ask(AgentHost app, AgentRuntime<K, V> agent, V value,
      Class<R> replyType, Duration timeout) {
    Optional<dev.mephisto.Channel<K, V>> channel = agent.channel();
    if (channel.isEmpty()) {
      return CompletableFuture.failedFuture(new ConfigurationException("Agent '" + agent.name()
          + "' reads a topic pattern: ask() has no topic to send to; send to one of its topics"));
    }
    return replies().ask(agent.name(), replyType, timeout,
        headers -> AppServices.outsideTransaction(
            () -> app.sendToChannel(channel.get(), null, value, headers)));
  }

  /** See {@link AgentHost#reply}. */
  void reply(String replyTo, byte[] correlationId, Object result) {
    Replies.reply(services, existingTopics, replyTo, correlationId, result);
  }

  /** See {@link AgentHost#refusedReplyTopic}. */
  RuntimeException refusal(byte[] header) {
    return Replies.refusal(services.settings(), header);
  }

  /** Stops the reply consumer, if an ask started one. */
  void stop() {
    Replies r = replies;
    if (r != null) {
      r.stop();
    }
  }
}
