package dev.mephisto;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Configures an agent before it starts; made by {@link App#agent(Channel)} and its overloads.
 *
 * <pre>{@code
 * app.agent(orders).name("dollars").concurrency(4).sink(dollars)
 *    .process(stream -> stream.map(o -> o.amount() / 100.0));
 * }</pre>
 *
 * <p>Results of a {@link #process} body keep the key of the event that produced them; a {@link
 * KeyValue} result sets its own key.
 *
 * @param <K> the key type of what the agent consumes
 * @param <V> the type of values the agent consumes
 */
public interface AgentBuilder<K, V> {
  /**
   * @param name the agent's name, unique in the app; default derived from the channel
   * @return this builder
   */
  AgentBuilder<K, V> name(String name);

  /**
   * @param instances how many instances run, each on its own virtual thread (default 1)
   * @return this builder
   */
  AgentBuilder<K, V> concurrency(int instances);

  /**
   * Sends every result of a {@link #process} body to a topic, under the event's key (or the
   * {@link KeyValue} result's own). A result or key the topic's types do not take fails as the
   * body would (see {@link #onError}).
   *
   * @param topic where results go
   * @return this builder
   */
  AgentBuilder<K, V> sink(Topic<?, ?> topic);

  /**
   * Sends every result of a {@link #process} body to another agent, as {@link Topic} sinks do.
   *
   * @param agent an agent every result is sent to
   * @return this builder
   */
  AgentBuilder<K, V> sink(Agent<?, ?> agent);

  /**
   * Calls back with every result of a {@link #process} body. A result that is not a {@code
   * resultType} fails as the body would (see {@link #onError}).
   *
   * <pre>{@code
   * app.agent(orders).sink(Double.class, total::add).process(s -> s.map(Order::price));
   * }</pre>
   *
   * @param resultType the class of the results
   * @param callback called with every result
   * @return this builder
   * @param <R> result type
   */
  <R> AgentBuilder<K, V> sink(Class<R> resultType, Consumer<? super R> callback);

  /**
   * @param policy what happens when the body throws (default {@link OnError#DEAD_LETTER})
   * @return this builder
   */
  AgentBuilder<K, V> onError(OnError policy);

  /**
   * Registers the agent with a body that loops over its stream.
   *
   * @param body the loop
   * @return the agent
   */
  Agent<K, V> start(Consumer<Stream<K, V>> body);

  /**
   * Registers the agent with a body that returns a stream of results, which go to the sinks
   * (and answer {@link Agent#ask}).
   *
   * @param body the stream function
   * @return the agent
   */
  Agent<K, V> process(Function<Stream<K, V>, ? extends Stream<?, ?>> body);
}
