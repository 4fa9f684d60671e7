package dev.mephisto.core.internal.agent;

import dev.mephisto.Channel;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.TopicPatternImpl;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What an agent consumes as its main stream: one topic or in-memory channel, several topics of one
 * key and value type, or every topic matching a pattern. Knows the binding (codecs and declared
 * types) of each of its topics; nothing read from a record picks one.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class AgentSource<K, V> {
  private final String name;
  private final Channel<K, V> channel;
  private final Binding<K, V> first;
  private final Map<String, Binding<K, V>> fixed;
  private final TopicPatternImpl<K, V> pattern;
  private final Function<String, Binding<K, V>> bindingOfMatch;
  private final Map<String, Binding<K, V>> known = new ConcurrentHashMap<>();
  private volatile Set<String> matched = Set.of();

  private AgentSource(String name, Channel<K, V> channel, Binding<K, V> first,
      Map<String, Binding<K, V>> fixed, TopicPatternImpl<K, V> pattern,
      Function<String, Binding<K, V>> bindingOfMatch) {
    this.name = name;
    this.channel = channel;
    this.first = first;
    this.fixed = fixed;
    this.pattern = pattern;
    this.bindingOfMatch = bindingOfMatch;
  }

  /**
   * @param channel a topic or in-memory channel
   * @param binding its binding
   * @return the source
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> AgentSource<K, V> of(Channel<K, V> channel, Binding<K, V> binding) {
    Map<String, Binding<K, V>> fixed = channel instanceof Topic<?, ?>
        ? Map.of(channel.name(), binding) : Map.of();
    return new AgentSource<>(channel.name(), channel, binding, fixed, null, null);
  }

  /**
   * @param topics several topics, the first of which takes the agent's sends
   * @param bindings their bindings, in the same order
   * @return the source
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> AgentSource<K, V> of(List<? extends Topic<K, V>> topics,
      List<Binding<K, V>> bindings) {
    Map<String, Binding<K, V>> fixed = new LinkedHashMap<>();
    for (Binding<K, V> b : bindings) {
      fixed.put(b.topic(), b);
    }
    return new AgentSource<>(String.join(",", fixed.keySet()), topics.get(0), bindings.get(0),
        java.util.Collections.unmodifiableMap(fixed), null, null);
  }

  /**
   * @param pattern the pattern
   * @param template a binding with the pattern's types and codecs, for what is not topic-specific
   * @param bindingOfMatch makes the binding of a matching topic
   * @return the source, matching nothing until {@link #refresh}
   * @param <K> key type
   * @param <V> value type
   */
  public static <K, V> AgentSource<K, V> of(TopicPatternImpl<K, V> pattern,
      Binding<K, V> template, Function<String, Binding<K, V>> bindingOfMatch) {
    return new AgentSource<>("pattern '" + pattern.pattern() + "'", null, template, Map.of(),
        pattern, bindingOfMatch);
  }

  /** @return "orders", "orders-eu,orders-us" or "pattern 'orders-.*'", for names and messages */
  public String name() {
    return name;
  }

  /** @return where the agent's sends go: the topic or channel, the first of several topics */
  public Optional<Channel<K, V>> channel() {
    return Optional.ofNullable(channel);
  }

  /** @return true for Kafka topics, false for an in-memory channel */
  public boolean readsTopics() {
    return !fixed.isEmpty() || pattern != null;
  }

  /** @return the pattern, if the source is one */
  public Optional<TopicPatternImpl<K, V>> pattern() {
    return Optional.ofNullable(pattern);
  }

  /** @return the binding of the first topic (of the pattern's types and codecs, for a pattern) */
  public Binding<K, V> first() {
    return first;
  }

  /** @return how a stream finds the binding of a record's topic, or null if it has one only */
  public Function<String, Binding<K, V>> lookup() {
    return fixed.size() <= 1 && pattern == null ? null : this::binding;
  }

  /**
   * @param topic one of the source's topics
   * @return its binding
   */
  public Binding<K, V> binding(String topic) {
    Binding<K, V> b = fixed.get(topic);
    if (b == null) {
      b = known.get(topic);
    }
    return b != null ? b : first;
  }

  /**
   * @param topic the topic of a polled record
   * @return true if its records belong to the main stream (else to a stream the body opened)
   */
  public boolean owns(String topic) {
    if (pattern != null) {
      return known.containsKey(topic);
    }
    return fixed.isEmpty() ? topic.equals(name) : fixed.containsKey(topic); // empty: a channel
  }

  /** @return the topics read now, in a stable order */
  public Set<String> topics() {
    if (pattern == null) {
      return fixed.keySet();
    }
    Set<String> s = new LinkedHashSet<>(fixed.keySet());
    s.addAll(matched);
    return s;
  }

  /**
   * Matches the pattern against the topics that exist now.
   *
   * @param existing every topic name on the broker
   * @param excluded topics that never match (dead-letter, internal, the agent's own)
   * @return true if the topics read changed (always false for other sources)
   */
  public boolean refresh(Collection<String> existing, Predicate<String> excluded) {
    if (pattern == null) {
      return false;
    }
    Set<String> now = new TreeSet<>();
    for (String t : existing) {
      if (pattern.matches(t) && !excluded.test(t)) {
        now.add(t);
        known.computeIfAbsent(t, bindingOfMatch); // kept after a topic leaves: records in flight
      }
    }
    if (now.equals(matched)) {
      return false;
    }
    matched = java.util.Collections.unmodifiableSet(now);
    return true;
  }
}
