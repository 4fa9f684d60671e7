package dev.mephisto.core.internal;

import dev.mephisto.AskTimeoutException;
import dev.mephisto.CodecException;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.TopicDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's reply topic {@code <app>-reply-<uuid>} (one partition, read without a group) and
 * the asks waiting on it. Started on the first ask; the topic is deleted at shutdown.
 */
public final class Replies {
  private static final Logger log = LoggerFactory.getLogger(Replies.class);
  /** Header holding the correlation id of an ask and its reply. */
  public static final String CORRELATION_ID = "mephisto.correlation-id";
  /** Header naming the reply topic of an ask. */
  public static final String REPLY_TO = "mephisto.reply-to";

  private final AppServices services;
  private final String topic;
  private final Map<String, Waiting<?>> waiting = new ConcurrentHashMap<>();
  private volatile boolean running;
  private RecordSource source;
  private Thread thread;

  private record Waiting<R>(CompletableFuture<R> future, Class<R> type) {
    void complete(AppServices services, byte[] bytes) {
      try {
        String spec = services.valueSpecFor(type, java.util.Optional.empty());
        future.complete(services.codecs().resolve(spec).decode(bytes, type));
      } catch (CodecException e) {
        future.completeExceptionally(e);
      }
    }
  }

  Replies(AppServices services) {
    this.services = services;
    this.topic = services.settings().id() + "-reply-" + UUID.randomUUID();
  }

  String topic() {
    return topic;
  }

  synchronized void ensureStarted() {
    if (running) {
      return;
    }
    services.transport().ensureTopics(List.of(new TopicDefinition(topic, 1,
        services.settings().topicReplicationFactor(), Map.of("retention.ms", "3600000"))));
    source = services.transport().newAssignedSource(services.settings().id() + "-replies");
    TopicPartition tp = new TopicPartition(topic, 0);
    source.assign(List.of(tp));
    source.seekToBeginning(List.of(tp));
    source.position(tp); // resolve the position now so no reply sent after this is missed
    running = true;
    thread = Thread.ofPlatform().name(services.settings().id() + "-replies").start(this::run);
  }

  private void run() {
    try {
      while (running) {
        source.poll(Duration.ofMillis(200), this::onReply);
      }
    } finally {
      source.close();
    }
  }

  private void onReply(ConsumerRecord<byte[], byte[]> r) {
    Header h = r.headers().lastHeader(CORRELATION_ID);
    if (h == null) {
      return;
    }
    Waiting<?> w = waiting.remove(new String(h.value(), StandardCharsets.UTF_8));
    if (w != null) {
      w.complete(services, r.value());
    }
  }

  <R> CompletableFuture<R> register(String correlationId, Class<R> type, Duration timeout,
      String agent) {
    CompletableFuture<R> f = new CompletableFuture<>();
    waiting.put(correlationId, new Waiting<>(f, type));
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
      if (waiting.remove(correlationId) != null) {
        f.completeExceptionally(new AskTimeoutException("Agent '" + agent + "' did not reply to "
            + "correlation id '" + correlationId + "' within " + timeout.toMillis() + " ms"));
      }
    });
    return f;
  }

  /**
   * Sends a request with the reply headers and waits for the reply.
   *
   * @param agent the agent's name, for the timeout message
   * @param type the reply type
   * @param timeout how long to wait
   * @param send sends the request with the given headers
   * @return the reply
   * @param <R> reply type
   */
  <R> CompletableFuture<R> ask(String agent, Class<R> type, Duration timeout,
      Function<Map<String, byte[]>, CompletableFuture<?>> send) {
    String correlationId = UUID.randomUUID().toString();
    CompletableFuture<R> reply = register(correlationId, type, timeout, agent);
    Map<String, byte[]> headers = new HashMap<>();
    headers.put(REPLY_TO, topic.getBytes(StandardCharsets.UTF_8));
    headers.put(CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
    send.apply(headers).whenComplete((md, e) -> {
      if (e != null) {
        waiting.remove(correlationId);
        reply.completeExceptionally(e);
      }
    });
    return reply;
  }

  /**
   * Sends an agent's result to the asker's reply topic.
   *
   * @param services shared services
   * @param replyTo the reply topic
   * @param correlationId the request's correlation id
   * @param result the result
   */
  static void reply(AppServices services, String replyTo, byte[] correlationId, Object result) {
    String spec = services.valueSpecFor(result == null ? Object.class : result.getClass(),
        java.util.Optional.empty());
    byte[] bytes = result == null ? null : services.codecs().resolve(spec).encode(result);
    RecordHeaders h = new RecordHeaders();
    h.add(CORRELATION_ID, correlationId);
    services.sendRaw(replyTo, 0, null, bytes, h, null, result).whenComplete((md, e) -> {
      if (e != null) {
        log.error("Could not send a reply to '{}': {}", replyTo, e.toString());
      }
    });
  }

  void stop() {
    if (!running) {
      return;
    }
    running = false;
    source.wakeup();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.transport().deleteTopics(List.of(topic));
    log.debug("Reply topic '{}' deleted", topic);
  }
}
