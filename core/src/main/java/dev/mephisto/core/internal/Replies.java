package dev.mephisto.core.internal;

import dev.mephisto.AppSettings;
import dev.mephisto.AskTimeoutException;
import dev.mephisto.CodecException;
import dev.mephisto.MephistoException;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.TopicDefinition;
import dev.mephisto.internal.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
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
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int MAX_KNOWN_TOPICS = 1024;

  private final AppServices services;
  private final String topic;
  private final Map<String, Waiting<?>> waiting = new ConcurrentHashMap<>();
  private volatile boolean running;
  private RecordSource source;
  private Thread thread;

  private record Waiting<R>(CompletableFuture<R> future, Class<R> type) {
    void complete(AppServices services, byte[] bytes) {
      String spec = services.valueSpecFor(type, java.util.Optional.empty());
      try {
        future.complete(services.codecs().resolve(spec).decode(bytes, type));
      } catch (CodecException e) {
        future.completeExceptionally(e);
      } catch (RuntimeException | StackOverflowError e) {
        // whatever a reply's bytes make the codec throw fails this ask, not the reply thread
        future.completeExceptionally(new CodecException("Cannot decode a reply with '" + spec
            + "': the codec threw " + e, e));
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
   * Whether an agent may send its result to the topic an incoming {@value #REPLY_TO} header
   * names: one of this app's reply topics {@code <id>-reply-<uuid>}, or a topic of the
   * {@code allowedReplyTopics} setting. Anything else is a producer choosing where results go.
   *
   * @param settings the app's settings
   * @param header the header's value
   * @return why the record must not be processed, or null if the topic is allowed
   */
  static RuntimeException refusal(AppSettings settings, byte[] header) {
    if (header.length <= Names.MAX_TOPIC_LENGTH) {
      String topic = new String(header, StandardCharsets.UTF_8);
      if (Names.topicProblem(topic).isEmpty() && allowed(settings, topic)) {
        return null;
      }
    }
    String shown = new String(header, 0, Math.min(header.length, Names.MAX_TOPIC_LENGTH),
        StandardCharsets.UTF_8);
    return new MephistoException("Header '" + REPLY_TO + "' names topic '" + shown + "', which "
        + "is neither a reply topic of app '" + settings.id() + "' ('" + settings.id()
        + "-reply-<uuid>') nor allowed by setting 'allowedReplyTopics' " + settings.allowedReplyTopics()
        + "; the record was not processed: a producer may not choose where results go");
  }

  private static boolean allowed(AppSettings settings, String topic) {
    String own = settings.id() + "-reply-";
    if (topic.startsWith(own) && UUID_FORM.matcher(topic).region(own.length(), topic.length()).matches()) {
      return true;
    }
    for (String entry : settings.allowedReplyTopics()) {
      boolean prefix = entry.endsWith("*");
      if (prefix ? topic.startsWith(entry.substring(0, entry.length() - 1)) : topic.equals(entry)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sends an agent's result to the asker's reply topic, if that topic exists: a reply never
   * creates a topic (the asker created it; when it is gone the asker stopped waiting).
   *
   * @param services shared services
   * @param existing reply topics known to exist (a cache owned by the app)
   * @param replyTo the reply topic, already allowed by {@link #refusal}
   * @param correlationId the request's correlation id
   * @param result the result
   */
  static void reply(AppServices services, Set<String> existing, String replyTo,
      byte[] correlationId, Object result) {
    if (!existing.contains(replyTo)) {
      if (services.transport().partitions(replyTo).isEmpty()) {
        log.warn("Reply to '{}' dropped: the topic does not exist (the asking worker stopped, "
            + "or the header was forged); a reply never creates a topic", replyTo);
        return;
      }
      if (existing.size() >= MAX_KNOWN_TOPICS) {
        existing.clear();
      }
      existing.add(replyTo);
    }
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
