package dev.mephisto.core.internal;

import dev.mephisto.AgentBuilder;
import dev.mephisto.AppSettings;
import dev.mephisto.Channel;
import dev.mephisto.ConfigurationException;
import dev.mephisto.TaskOptions;
import dev.mephisto.Topic;
import dev.mephisto.TopicPattern;
import dev.mephisto.core.internal.agent.AgentBuilderImpl;
import dev.mephisto.core.internal.agent.AgentHost;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.agent.AgentSource;
import dev.mephisto.core.internal.timer.Timers;
import dev.mephisto.internal.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares agents over a channel, several topics or a topic pattern, and keeps the topics of
 * pattern agents current.
 */
final class AgentDeclarations {
  private static final Logger log = LoggerFactory.getLogger(AgentDeclarations.class);

  private final AgentHost app;
  private final AppServices services;
  private final List<AgentRuntime<?, ?>> agents;
  private final String leaderTopic;
  private final Set<String> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param app the app
   * @param agents the app's agents, added to here
   * @param leaderTopic the app's leader topic, which no pattern matches
   */
  AgentDeclarations(AgentHost app, List<AgentRuntime<?, ?>> agents, String leaderTopic) {
    this.app = app;
    this.services = app.services();
    this.agents = agents;
    this.leaderTopic = leaderTopic;
  }

  <K, V> AgentBuilder<K, V> over(Channel<K, V> channel) {
    Objects.requireNonNull(channel, "channel");
    Binding<K, V> binding;
    if (channel instanceof TopicImpl<K, V> t) {
      checkDeadLetterTopic(t);
      binding = t.binding();
    } else if (channel instanceof ChannelImpl<K, V> c) {
      // values arrive as objects; the codecs serve a groupBy that forwards them to Kafka
      binding = services.binding(c.name(), c.keyType(), c.valueType(), Optional.empty(),
          Optional.empty());
    } else {
      throw new ConfigurationException("Channel '" + channel.name() + "' of type "
          + channel.getClass().getName() + " was not made by this app; use app.topic(...) or "
          + "app.channel(...)");
    }
    return builder(AgentSource.of(channel, binding), channel instanceof ChannelImpl<K, V> c
        ? c : null);
  }

  <K, V> AgentBuilder<K, V> over(List<? extends Topic<K, V>> topics) {
    Objects.requireNonNull(topics, "topics");
    if (topics.isEmpty()) {
      throw new ConfigurationException("An agent over several topics was given none; pass at "
          + "least one, e.g. app.agent(List.of(ordersEu, ordersUs))");
    }
    List<Binding<K, V>> bindings = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Topic<K, V> t : topics) {
      if (!(t instanceof TopicImpl<K, V> ti)) {
        throw new ConfigurationException("Topic '" + t.name() + "' of type "
            + t.getClass().getName() + " was not made by this app; use app.topic(...)");
      }
      if (!names.add(t.name())) {
        throw new ConfigurationException("Topic '" + t.name() + "' is given twice in "
            + topics.stream().map(Topic::name).toList() + "; give each topic once");
      }
      checkDeadLetterTopic(ti);
      bindings.add(ti.binding());
    }
    return builder(AgentSource.of(topics, bindings), null);
  }

  /** An agent's records that fail go to its topic's dead-letter topic: that name must be legal. */
  private void checkDeadLetterTopic(TopicImpl<?, ?> t) {
    Names.checkTopic("Dead-letter topic of topic '" + t.name() + "'",
        services.deadLetterTopic(t.name()), "an agent's records that fail go there: use a "
        + "shorter topic name or 'deadLetterSuffix'");
  }

  <K, V> AgentBuilder<K, V> over(TopicPattern<K, V> topics) {
    Objects.requireNonNull(topics, "topics");
    TopicPatternImpl<K, V> p = new TopicPatternImpl<>(topics.pattern(), topics.keyType(),
        topics.valueType(), topics.keyCodec(), topics.valueCodec(), topics.refreshInterval());
    // the pattern's types and codecs; each matching topic gets a binding of its own name
    Binding<K, V> template = binding(p, "pattern-" + p.pattern().pattern());
    return builder(AgentSource.of(p, template, topic -> binding(p, topic)), null);
  }

  private <K, V> Binding<K, V> binding(TopicPatternImpl<K, V> p, String topic) {
    return services.binding(topic, p.keyType(), p.valueType(), p.keyCodec(), p.valueCodec());
  }

  private <K, V> AgentBuilder<K, V> builder(AgentSource<K, V> source, ChannelImpl<K, V> channel) {
    return new AgentBuilderImpl<>(app, source, a -> {
      for (AgentRuntime<?, ?> other : agents) {
        if (other.name().equals(a.name())) {
          throw new ConfigurationException("Two agents are named '" + a.name()
              + "'; give one another name with app.agent(...).name(...)");
        }
      }
      agents.add(a);
      if (channel != null) {
        channel.subscribe(a);
      }
    });
  }

  /**
   * Matches every pattern agent's pattern against the topics on the broker now.
   *
   * @return true if the topics of any agent changed
   */
  boolean refreshPatterns() {
    boolean changed = false;
    Set<String> existing = null;
    for (AgentRuntime<?, ?> a : agents) {
      if (a.source().pattern().isPresent()) {
        if (existing == null) {
          existing = services.transport().topicNames();
        }
        changed |= refresh(a, existing);
      }
    }
    return changed;
  }

  private boolean refresh(AgentRuntime<?, ?> a, Set<String> existing) {
    Set<String> opened = a.openedTopics();
    if (!a.source().refresh(existing,
        t -> neverMatched(t) || opened.contains(t) || noDeadLetterTopic(a, t))) {
      return false;
    }
    log.info("Agent '{}' reads {}: {}", a.name(), a.sourceName(), a.source().topics());
    return true;
  }

  /**
   * A matching topic whose dead-letter topic would not be a legal name (a name of 246 characters
   * or more) is not read: its failing records would have nowhere to go. Said once per topic.
   */
  private boolean noDeadLetterTopic(AgentRuntime<?, ?> a, String topic) {
    Optional<String> problem = Names.topicProblem(services.deadLetterTopic(topic));
    if (problem.isEmpty()) {
      return false;
    }
    if (unreadable.add(topic)) {
      log.warn("Agent '{}' does not read topic '{}', which matches {}: its dead-letter topic "
          + "would not be a legal topic name ({}); rename the topic or set a shorter "
          + "'deadLetterSuffix'", a.name(), topic, a.sourceName(), problem.get());
    }
    return true;
  }

  /** Topics of the app's own making and Kafka's internal topics: no pattern reads them. */
  private boolean neverMatched(String topic) {
    AppSettings s = services.settings();
    String prefix = s.id() + "-";
    return topic.startsWith("__") || topic.endsWith(s.deadLetterSuffix())
        || topic.equals(leaderTopic) || topic.startsWith(prefix + "reply-")
        || (topic.startsWith(prefix)
            && (topic.endsWith("-repartition") || topic.endsWith("-changelog")));
  }

  /**
   * Looks for new matching topics of each pattern agent every refresh interval.
   *
   * @param timers where the checks run
   * @param running whether the worker still runs
   * @param changed called after the topics of an agent changed
   */
  void watchPatterns(Timers timers, java.util.function.BooleanSupplier running,
      Runnable changed) {
    for (AgentRuntime<?, ?> a : agents) {
      a.source().pattern().ifPresent(p -> timers.timer(p.refreshInterval(),
          TaskOptions.everyWorker(), () -> {
            if (!running.getAsBoolean()) {
              return;
            }
            try {
              if (refresh(a, services.transport().topicNames())) {
                changed.run();
              }
            } catch (RuntimeException e) {
              if (running.getAsBoolean()) {
                log.warn("Agent '{}' could not look for topics matching {}; it tries again in {}: "
                    + "{}", a.name(), a.sourceName(), p.refreshInterval(), e.toString());
              }
            }
          }));
    }
  }
}
