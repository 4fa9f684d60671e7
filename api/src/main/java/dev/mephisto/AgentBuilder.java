package dev.mephisto;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Configures an agent before it starts; made by {@link App#agent(Channel)}.
 *
 * <pre>{@code
 * app.agent(orders).name("dollars").concurrency(4).sink(dollars)
 *    .process(stream -> stream.map(o -> o.amount() / 100.0));
 * }</pre>
 *
 * @param <V> the type of values the agent consumes
 */
public interface AgentBuilder<V> {
  /**
   * @param name the agent's name, unique in the app; default derived from the channel
   * @return this builder
   */
  AgentBuilder<V> name(String name);

  /**
   * @param instances how many instances run, each on its own virtual thread (default 1)
   * @return this builder
   */
  AgentBuilder<V> concurrency(int instances);

  /**
   * @param topic a topic every result of a {@link #process} body is sent to
   * @return this builder
   */
  AgentBuilder<V> sink(Topic<?, ?> topic);

  /**
   * @param agent an agent every result is sent to
   * @return this builder
   */
  AgentBuilder<V> sink(Agent<?> agent);

  /**
   * @param callback called with every result
   * @return this builder
   */
  AgentBuilder<V> sink(Consumer<Object> callback);

  /**
   * @param policy what happens when the body throws (default {@link OnError#DEAD_LETTER})
   * @return this builder
   */
  AgentBuilder<V> onError(OnError policy);

  /**
   * Registers the agent with a body that loops over its stream.
   *
   * @param body the loop
   * @return the agent
   */
  Agent<V> start(Consumer<Stream<V>> body);

  /**
   * Registers the agent with a body that returns a stream of results, which go to the sinks
   * (and answer {@link Agent#ask}).
   *
   * @param body the stream function
   * @return the agent
   * @param <R> result type
   */
  <R> Agent<V> process(Function<Stream<V>, Stream<R>> body);
}
