package dev.mephisto.core.internal.agent;

import dev.mephisto.ConfigurationException;
import dev.mephisto.JoinWindow;
import dev.mephisto.Topic;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.join.WindowJoin;
import dev.mephisto.core.internal.stream.AbstractStream;
import dev.mephisto.core.internal.stream.SourceStream;
import dev.mephisto.core.internal.stream.StreamJoinType;
import dev.mephisto.core.internal.table.StateTables;
import dev.mephisto.internal.Names;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Opens a stream–stream join in an agent's body: checks it (co-partitioning, names, types),
 * subscribes the agent to the other topic, whose records then reach the joined stream's source
 * (the agent's own stream, or the one read back from a groupBy's repartition topic or a
 * through topic), and declares the join's two window stores, sharded like that stream.
 */
final class StreamJoins {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StreamJoins.class);

  private StreamJoins() {}

  static <K, V, V2, R> AbstractStream<K, R> open(AgentInstance<?, ?> instance,
      AgentRuntime<?, ?> agent, AbstractStream<K, V> upstream, Topic<K, V2> other,
      JoinWindow window, BiFunction<? super V, ? super V2, ? extends R> joiner, String name,
      StreamJoinType type, SourceStream<?, ?> main, boolean test) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(joiner, "joiner");
    Objects.requireNonNull(name, "name");
    String what = "Stream join '" + name + "' of agent '" + agent.name() + "'";
    // after groupBy or through the joined stream is the one read back from that topic: the
    // other side's records go to that stream's queue, and the join's stores are sharded like it
    SourceStream<K, ?> root = upstream.root();
    Class<V> valueType = upstream.valueType();
    if (valueType == null) {
      throw new ConfigurationException(what + " keeps this stream's values, whose class a map "
          + "hides; declare it first with stream.map(...).withValueType(Type.class)");
    }
    String topic = root.binding().topic();
    Binding<K, V2> otherBinding = agent.app().bindingOf(other);
    if (otherBinding.keyType() != root.keyType()) {
      throw new ConfigurationException(what + " joins keys of " + root.keyType().getName()
          + " with topic '" + other.name() + "' whose keys are " + otherBinding.keyType()
          .getName() + "; join topics of one key type");
    }
    int mine = test ? -1 : agent.app().partitionsOf(topic);
    int theirs = test ? -1 : agent.app().partitionsOf(other.name());
    if (mine > 0 && theirs > 0 && mine != theirs) {
      throw new ConfigurationException(what + " needs co-partitioned topics, but topic '" + topic
          + "' has " + mine + " partitions and topic '" + other.name() + "' has " + theirs
          + "; recreate one of them with the other's count, or repartition one side first "
          + "(groupBy, or through a topic of the right count)");
    }
    if (mine > 1 && !otherBinding.keySpec().equals(root.binding().keySpec())) {
      // not an error: two codecs may write the same bytes (raw and string for text)
      log.warn("{} joins topic '{}' (keys in '{}') with topic '{}' (keys in '{}'): unless both "
          + "codecs write the same bytes, equal keys land on different partitions and never join",
          what, topic, root.binding().keySpec(), other.name(), otherBinding.keySpec());
    }
    if (other.name().equals(topic)) {
      throw new ConfigurationException(what + " joins topic '" + topic + "' with itself; "
          + "a self-join is not supported: copy the topic (through another topic) and join that");
    }
    String state = agent.name() + "-" + name;
    Names.checkTopic(what + " changelog", agent.app().appId() + "-" + state + "-other-changelog",
        "give the join (or the agent) a shorter name of letters, digits, '.', '_', '-'");
    StateTables states = instance.states().orElseThrow(() -> new ConfigurationException(what
        + " needs state, which this runtime build does not have"));
    int partitions = mine > 0 ? mine : instance.defaultPartitions();
    WindowJoin<K, V, V2, R> join = new WindowJoin<>(states, state, partitions, root.keyType(),
        valueType, otherBinding.valueType(), window, type != StreamJoinType.INNER,
        type == StreamJoinType.OUTER, joiner);
    @SuppressWarnings("unchecked")
    SourceStream<K, Object> src = (SourceStream<K, Object>) root;
    src.addSide(otherBinding);
    if (!test) {
      agent.addSideTopic(otherBinding, root == main ? null : topic);
    }
    return AbstractStream.joined(upstream, join);
  }
}
