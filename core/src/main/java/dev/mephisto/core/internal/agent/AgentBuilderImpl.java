package dev.mephisto.core.internal.agent;

import dev.mephisto.Agent;
import dev.mephisto.AgentBuilder;
import dev.mephisto.ConfigurationException;
import dev.mephisto.OnError;
import dev.mephisto.Stream;
import dev.mephisto.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Collects an agent's options; {@link #start} or {@link #process} registers it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class AgentBuilderImpl<K, V> implements AgentBuilder<K, V> {
  private final AgentHost app;
  private final AgentSource<K, V> source;
  private final Consumer<AgentRuntime<?, ?>> register;
  private final List<Sink> sinks = new ArrayList<>();
  private String name;
  private int concurrency = 1;
  private OnError onError;

  /**
   * @param app the app
   * @param source what the agent consumes
   * @param register called with the agent once declared
   */
  public AgentBuilderImpl(AgentHost app, AgentSource<K, V> source,
      Consumer<AgentRuntime<?, ?>> register) {
    this.app = app;
    this.source = source;
    this.register = register;
    this.name = source.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-agent";
  }

  @Override
  public AgentBuilder<K, V> name(String agentName) {
    Objects.requireNonNull(agentName, "name");
    if (!agentName.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigurationException("Agent name '" + agentName
          + "' is not valid; expected letters, digits, '.', '_' or '-' (it names topics)");
    }
    this.name = agentName;
    return this;
  }

  @Override
  public AgentBuilder<K, V> concurrency(int instances) {
    if (instances < 1) {
      throw new ConfigurationException(
          "Agent '" + name + "' concurrency was '" + instances + "' but it should be >= 1");
    }
    this.concurrency = instances;
    return this;
  }

  @Override
  public AgentBuilder<K, V> sink(Topic<?, ?> topic) {
    sinks.add(Sink.of(Objects.requireNonNull(topic, "topic")));
    return this;
  }

  @Override
  public AgentBuilder<K, V> sink(Agent<?, ?> agent) {
    sinks.add(Sink.of(Objects.requireNonNull(agent, "agent")));
    return this;
  }

  @Override
  public <R> AgentBuilder<K, V> sink(Class<R> resultType, Consumer<? super R> callback) {
    sinks.add(new Sink.Callback<>(Objects.requireNonNull(resultType, "resultType"),
        Objects.requireNonNull(callback, "callback")));
    return this;
  }

  @Override
  public AgentBuilder<K, V> onError(OnError policy) {
    this.onError = Objects.requireNonNull(policy, "policy");
    return this;
  }

  @Override
  public Agent<K, V> start(Consumer<Stream<K, V>> body) {
    Objects.requireNonNull(body, "body");
    if (!sinks.isEmpty()) {
      throw new ConfigurationException("Agent '" + name + "' has sinks but its body is a loop "
          + "that yields no results; use process(...) to send results to sinks");
    }
    return declare(body, null);
  }

  @Override
  public Agent<K, V> process(Function<Stream<K, V>, ? extends Stream<?, ?>> body) {
    Objects.requireNonNull(body, "body");
    return declare(null, body);
  }

  private Agent<K, V> declare(Consumer<Stream<K, V>> loop,
      Function<Stream<K, V>, ? extends Stream<?, ?>> fn) {
    OnError policy = onError != null ? onError : app.services().settings().onError();
    AgentRuntime<K, V> a = new AgentRuntime<>(app, name, source, concurrency, sinks, policy,
        loop, fn);
    register.accept(a);
    return a;
  }
}
