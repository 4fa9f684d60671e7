package dev.mephisto.core.internal.stream;

import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Event;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.table.OperatorStateImpl;
import dev.mephisto.stream.OperatorContext;
import dev.mephisto.stream.OperatorState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The context of one application of an operator to a stream: the stream's source tells the
 * event being processed; state opens through the app's {@code StateTables}, sharded like the
 * source.
 */
final class OperatorContextImpl implements OperatorContext {
  private final AbstractStream<?, ?> stream;
  private final String operatorName;

  OperatorContextImpl(AbstractStream<?, ?> stream, String operator, Map<String, ?> config) {
    this.stream = stream;
    Object n = config.get("name");
    this.operatorName = n == null ? operator : String.valueOf(n);
  }

  private SourceStream<?, ?> root() {
    return stream.root();
  }

  @Override
  public App app() {
    return root().host().app();
  }

  @Override
  public String agentName() {
    return root().host().agentName();
  }

  @Override
  public String operatorName() {
    return operatorName;
  }

  @Override
  public OptionalInt partition() {
    Delivery d = root().currentDelivery();
    return d == null ? OptionalInt.empty() : OptionalInt.of(d.record().partition());
  }

  @Override
  public Optional<Instant> eventTime() {
    Delivery d = root().currentDelivery();
    return d == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(d.record().timestamp()));
  }

  @Override
  public Optional<Event<?, ?>> currentEvent() {
    return Optional.ofNullable(root().eventNow());
  }

  @Override
  public <K, V> OperatorState<K, V> state(String name, Class<K> keyType, Class<V> valueType,
      Duration retention) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(retention, "retention");
    StreamHost host = root().host();
    String full = host.agentName() + "-" + operatorName + "-" + name;
    if (retention.toMillis() < 1) {
      throw new ConfigurationException("State '" + full + "' retention was '" + retention
          + "' but it should be at least 1 ms");
    }
    var states = host.states().orElseThrow(() -> new ConfigurationException("Operator '"
        + operatorName + "' of agent '" + host.agentName() + "' needs state, which this "
        + "runtime build does not have"));
    int n = host.partitionsOf(root().binding().topic());
    return new OperatorStateImpl<>(states, full, keyType, valueType, retention,
        n > 0 ? n : host.defaultPartitions());
  }
}
