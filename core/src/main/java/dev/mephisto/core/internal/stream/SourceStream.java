package dev.mephisto.core.internal.stream;

import dev.mephisto.CodecException;
import dev.mephisto.Event;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.offsets.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The head of a stream chain: takes records from one agent instance's queue, decodes them, and
 * keeps the records the current top-level value consumed until the agent asks for the next one
 * (then they are acknowledged).
 *
 * <p>Used by one thread at a time.
 *
 * @param <V> value type
 */
public final class SourceStream<V> extends AbstractStream<V> {
  /** Header naming the value's class when a mapped value was forwarded to a repartition topic. */
  public static final String VALUE_TYPE_HEADER = "mephisto.value-type";

  private final BlockingQueue<Object> queue;
  private final Binding<?, V> binding;
  private final StreamHost host;
  private final ClassLoader loader;
  private final dev.mephisto.core.internal.CommitGate gate;
  private final List<Delivery> pending = new ArrayList<>();
  private final dev.mephisto.core.internal.metrics.SourceMeter meter;
  private int hold;
  private boolean noAck;
  private Delivery current;
  private Object currentKey;
  private boolean keyDecoded;
  private Event<?, ?> currentEvent;

  /**
   * @param queue records (and the {@link AbstractStream#END} marker) for this instance
   * @param binding decodes keys and values
   * @param host the agent instance
   * @param loader class loader for forwarded value types
   * @param gate waited on before each record (exactly-once commits happen between records)
   */
  public SourceStream(BlockingQueue<Object> queue, Binding<?, V> binding, StreamHost host,
      ClassLoader loader, dev.mephisto.core.internal.CommitGate gate) {
    super(null);
    this.gate = gate;
    this.queue = queue;
    this.binding = binding;
    this.host = host;
    this.loader = loader;
    this.meter = host.sourceMeter(binding.topic());
  }

  @Override
  public SourceStream<?> root() {
    return this;
  }

  @Override
  public Class<?> knownType() {
    return binding.valueType();
  }

  /** @return the agent instance running this stream */
  public StreamHost host() {
    return host;
  }

  /** @return the binding of the source */
  public Binding<?, V> binding() {
    return binding;
  }

  @Override
  protected Object pull(long deadline) throws InterruptedException {
    meter.pulling();
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
      V value;
      try {
        value = decode(d);
      } catch (CodecException e) {
        ConsumerRecord<byte[], byte[]> r = d.record();
        host.undecodable(d, e.withLocation("Cannot decode value of topic '" + r.topic()
            + "' partition " + r.partition() + " offset " + r.offset() + " with '"
            + binding.valueSpec() + "'"));
        continue;
      }
      current = d;
      keyDecoded = false;
      currentKey = null;
      currentEvent = null;
      EventContext.set(d, value);
      if (noAck) {
        d.ack();
      } else {
        pending.add(d);
      }
      meter.took(d.record(), !queue.isEmpty());
      return value;
    }
  }

  @SuppressWarnings("unchecked")
  private V decode(Delivery d) {
    if (d.decoded()) {
      return (V) d.valueObject();
    }
    byte[] bytes = d.record().value();
    Header typeHeader = d.record().headers().lastHeader(VALUE_TYPE_HEADER);
    if (typeHeader != null) {
      String cls = new String(typeHeader.value(), StandardCharsets.UTF_8);
      try {
        return (V) binding.decodeValueAs(bytes, Class.forName(cls, false, loader));
      } catch (ClassNotFoundException e) {
        throw new CodecException("value type '" + cls + "' named in header '" + VALUE_TYPE_HEADER
            + "' is not on this worker's class path", e);
      }
    }
    return binding.decodeValue(bytes);
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

  /** @return the record being processed, or null before the first */
  public Delivery currentDelivery() {
    return current;
  }

  /** @return the decoded key of the record being processed */
  public Object currentKey() {
    if (current == null) {
      return null;
    }
    if (!keyDecoded) {
      currentKey = current.decoded() ? current.keyObject() : decodeKey(current);
      keyDecoded = true;
    }
    return currentKey;
  }

  private Object decodeKey(Delivery d) {
    ConsumerRecord<byte[], byte[]> r = d.record();
    try {
      return binding.decodeKey(r.key());
    } catch (CodecException e) {
      throw e.withLocation("Cannot decode key of topic '" + r.topic() + "' partition "
          + r.partition() + " offset " + r.offset() + " with '" + binding.keySpec() + "'");
    }
  }

  /** @return the event being processed, or null before the first */
  public Event<?, ?> eventNow() {
    if (current == null) {
      return null;
    }
    if (currentEvent == null) {
      ConsumerRecord<byte[], byte[]> r = current.record();
      Map<String, byte[]> headers = new HashMap<>();
      for (Header h : r.headers()) {
        headers.put(h.key(), h.value());
      }
      Object value = current.decoded() ? current.valueObject() : decode(current);
      currentEvent = new Event<>(currentKey(), value, Map.copyOf(headers), r.topic(),
          r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
    }
    return currentEvent;
  }
}
