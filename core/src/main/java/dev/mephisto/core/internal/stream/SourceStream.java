package dev.mephisto.core.internal.stream;

import dev.mephisto.CodecException;
import dev.mephisto.Event;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.offsets.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The head of a stream chain: takes records from one agent instance's queue, decodes them, and
 * keeps the records the current top-level value consumed until the agent asks for the next one
 * (then they are acknowledged).
 *
 * <p>Keys and values decode into the types the app declared for the source (its topics, or the
 * repartition topic's key type and the value type the stream knew): nothing read from a record
 * picks a class.
 *
 * <p>Used by one thread at a time.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class SourceStream<K, V> extends AbstractStream<K, V> {
  private final BlockingQueue<Object> queue;
  private final Binding<K, V> binding;
  private final Function<String, Binding<K, V>> bindings;
  private final StreamHost host;
  private final dev.mephisto.core.internal.CommitGate gate;
  private final List<Delivery> pending = new ArrayList<>();
  private int hold;
  private boolean noAck;
  private Delivery current;
  private Binding<K, V> currentBinding;
  private V currentValue;
  private K currentKey;
  private boolean keyDecoded;
  private Event<K, V> currentEvent;

  /**
   * @param queue records (and the {@link AbstractStream#END} marker) for this instance
   * @param binding decodes keys and values (of the first topic, when there are several)
   * @param bindings the binding of each topic the queue holds records of, or null when there is
   *     only {@code binding}
   * @param host the agent instance
   * @param gate waited on before each record (exactly-once commits happen between records)
   */
  public SourceStream(BlockingQueue<Object> queue, Binding<K, V> binding,
      Function<String, Binding<K, V>> bindings, StreamHost host,
      dev.mephisto.core.internal.CommitGate gate) {
    super(null);
    this.gate = gate;
    this.queue = queue;
    this.binding = binding;
    this.bindings = bindings;
    this.currentBinding = binding;
    this.host = host;
  }

  @Override
  public SourceStream<K, V> root() {
    return this;
  }

  @Override
  public Class<V> valueType() {
    return binding.valueType();
  }

  @Override
  public boolean sourceValues() {
    return true;
  }

  /** @return the class keys decode into */
  public Class<K> keyType() {
    return binding.keyType();
  }

  /** @return the agent instance running this stream */
  public StreamHost host() {
    return host;
  }

  /** @return the binding of the source (its first topic, when there are several) */
  public Binding<K, V> binding() {
    return binding;
  }

  /** @return the binding of the record being processed */
  public Binding<K, V> currentBinding() {
    return currentBinding;
  }

  private Binding<K, V> bindingOf(String topic) {
    if (bindings == null || currentBinding.topic().equals(topic)) {
      return currentBinding;
    }
    return bindings.apply(topic);
  }

  @Override
  protected Object pull(long deadline) throws InterruptedException {
    host.pulling();
    while (true) {
      Object o;
      if (deadline == NO_DEADLINE) {
        o = queue.take();
      } else {
        long left = deadline - System.nanoTime();
        o = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
        if (o == null) {
          return TIMEOUT;
        }
      }
      if (o == END) {
        queue.add(END); // later pulls (other operators, restarts) see the end too
        return END;
      }
      Delivery d = (Delivery) o;
      gate.pass();
      if (!d.live()) {
        continue; // partition revoked: its new owner processes it
      }
      d.markTaken();
      Binding<K, V> b = bindingOf(d.record().topic());
      V value;
      try {
        value = decode(d, b);
      } catch (CodecException e) {
        ConsumerRecord<byte[], byte[]> r = d.record();
        host.undecodable(d, e.withLocation("Cannot decode value of topic '" + r.topic()
            + "' partition " + r.partition() + " offset " + r.offset() + " with '"
            + b.valueSpec() + "'"));
        continue;
      }
      current = d;
      currentBinding = b;
      currentValue = value;
      keyDecoded = false;
      currentKey = null;
      currentEvent = null;
      EventContext.set(d, value);
      if (noAck) {
        d.ack();
      } else {
        pending.add(d);
      }
      return value;
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> V decode(Delivery d, Binding<K, V> b) {
    if (d.decoded()) {
      // an object given to a typed API: Channel<K, V>.send, a test context's put, a test
      // context's in-memory groupBy (keyFn's result, the stream's value)
      return (V) d.valueObject();
    }
    return b.decodeValue(d.record().value());
  }

  @SuppressWarnings("unchecked")
  private K keyObject(Delivery d) {
    return (K) d.keyObject(); // given to a typed API, as values of decoded deliveries
  }

  /** Acknowledges what the previous top-level value consumed, unless an operator holds it. */
  void beginTopLevel() {
    if (hold == 0 && !pending.isEmpty()) {
      for (Delivery d : pending) {
        d.ack();
      }
      pending.clear();
    }
  }

  /**
   * A filter dropped the current value: unless an operator still holds the record (flatMap),
   * it is done now, not only when the agent asks for its next value.
   */
  void dropCurrent() {
    if (hold == 0 && !pending.isEmpty() && pending.get(pending.size() - 1) == current) {
      pending.remove(pending.size() - 1).ack();
    }
  }

  /** An operator still has values of the current record to hand out: do not ack it yet. */
  void hold() {
    hold++;
  }

  /** The operator handed out everything it held. */
  void release() {
    hold--;
  }

  void disableAck() {
    noAck = true;
  }

  /**
   * Takes the records being processed, for error handling: the caller acks them once they are
   * dead-lettered or skipped.
   *
   * @return the records since the last top-level pull
   */
  public List<Delivery> takePending() {
    List<Delivery> out = new ArrayList<>(pending);
    pending.clear();
    hold = 0;
    return out;
  }

  /**
   * Takes the records the current value consumed so that another stage acknowledges them (a test
   * context's in-memory groupBy): all of them, unless an operator still holds the current record
   * (flatMap), which then stays until its last value is handed out.
   *
   * @return the records, possibly none
   */
  public List<Delivery> detachPending() {
    if (hold > 0 || pending.isEmpty()) {
      return List.of();
    }
    List<Delivery> out = new ArrayList<>(pending);
    pending.clear();
    return out;
  }

  /** @return the record being processed, or null before the first */
  public Delivery currentDelivery() {
    return current;
  }

  /** @return the decoded key of the record being processed */
  public K currentKey() {
    if (current == null) {
      return null;
    }
    if (!keyDecoded) {
      currentKey = current.decoded() ? keyObject(current) : decodeKey(current);
      keyDecoded = true;
    }
    return currentKey;
  }

  private K decodeKey(Delivery d) {
    ConsumerRecord<byte[], byte[]> r = d.record();
    try {
      return currentBinding.decodeKey(r.key());
    } catch (CodecException e) {
      throw e.withLocation("Cannot decode key of topic '" + r.topic() + "' partition "
          + r.partition() + " offset " + r.offset() + " with '" + currentBinding.keySpec() + "'");
    }
  }

  /**
   * The key of the record being processed as {@code target} encodes it: the record's own bytes
   * when both use the same key codec, else the decoded key encoded again.
   *
   * @param target the binding of the topic the key goes to
   * @return key bytes, or null when the record has no key (or there is no record)
   */
  public byte[] keyBytesFor(Binding<?, ?> target) {
    if (current == null) {
      return null;
    }
    if (!current.decoded() && currentBinding.keySpec().equals(target.keySpec())) {
      return current.record().key();
    }
    return target.encodeKey(currentKey());
  }

  /** @return the event being processed, or null before the first */
  public Event<K, V> eventNow() {
    if (current == null) {
      return null;
    }
    if (currentEvent == null) {
      ConsumerRecord<byte[], byte[]> r = current.record();
      Map<String, byte[]> headers = new HashMap<>();
      for (Header h : r.headers()) {
        headers.put(h.key(), h.value());
      }
      currentEvent = new Event<>(currentKey(), currentValue, Map.copyOf(headers), r.topic(),
          r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
    }
    return currentEvent;
  }
}
