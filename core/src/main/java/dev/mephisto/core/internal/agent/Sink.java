package dev.mephisto.core.internal.agent;

import dev.mephisto.Agent;
import dev.mephisto.Channel;
import dev.mephisto.ConfigurationException;
import dev.mephisto.MephistoException;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.Classes;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the results of a {@code process} body go. Each checks a result against the types it
 * takes, so that a result of the wrong class fails as the body would (by the agent's error policy)
 * instead of being written with the wrong codec.
 */
sealed interface Sink {
  /**
   * @param app the app
   * @param agent the agent's name, for messages
   * @param key the result's key: the event's, or the {@code KeyValue} result's
   * @param value the result's value
   * @param result the result as the body yielded it
   */
  void accept(AgentHost app, String agent, Object key, Object value, Object result);

  /** Results to a topic or in-memory channel (another agent's). */
  record ToChannel(Channel<?, ?> channel, String what) implements Sink {
    @Override
    public void accept(AgentHost app, String agent, Object key, Object value, Object result) {
      check(agent, what + " '" + channel.name() + "'", "key", channel.keyType(), key);
      check(agent, what + " '" + channel.name() + "'", "value", channel.valueType(), value);
      app.sendToChannel(typed(channel), key, value, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Channel<Object, Object> typed(Channel<?, ?> c) {
      return (Channel<Object, Object>) c; // the key and value were checked against its classes
    }
  }

  /** Results to a callback. */
  record Callback<R>(Class<R> type, Consumer<? super R> callback) implements Sink {
    @Override
    public void accept(AgentHost app, String agent, Object key, Object value, Object result) {
      check(agent, "its sink callback", "result", type, result);
      callback.accept(cast(result));
    }

    @SuppressWarnings("unchecked")
    private R cast(Object result) {
      return (R) result; // checked against the (boxed) type just before
    }
  }

  /**
   * @param topic a sink topic
   * @return its sink
   */
  static Sink of(Topic<?, ?> topic) {
    return new ToChannel(topic, "sink topic");
  }

  /**
   * @param agent a sink agent
   * @return a sink to its channel
   */
  static Sink of(Agent<?, ?> agent) {
    Channel<?, ?> c = agent.channel().orElseThrow(() -> new ConfigurationException("Agent '"
        + agent.name() + "' reads a topic pattern and cannot be a sink; sink to one of its "
        + "topics instead"));
    return new ToChannel(c, "the channel of sink agent '" + agent.name() + "',");
  }

  private static void check(String agent, String sink, String what, Class<?> type, Object o) {
    if (o != null && !Classes.isInstance(type, o)) {
      throw new MephistoException("Agent '" + agent + "' yielded a " + what + " of class "
          + o.getClass().getName() + " but " + sink + " takes " + type.getName() + "; give the "
          + "sink the types the body yields" + (what.equals("key")
              ? " (results keep the key of their event), or yield KeyValue results to set keys"
              : ""));
    }
  }
}
