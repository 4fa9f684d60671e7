package dev.mephisto.core.internal.stream;

import dev.mephisto.CodecException;
import dev.mephisto.TransientCodecException;
import dev.mephisto.Event;
import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.ValueTypes;
import dev.mephisto.core.internal.offsets.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
  /** Returned by {@link #decodeValue} when the record was handled without reaching the agent. */
  private static final Object SKIP = new Object();

  private final BlockingQueue<Object> queue;
  private final Binding<?, V> binding;
  private final StreamHost host;
  private final ValueTypes types;
  private byte[] lastTypeName;
  private Class<?> lastType;
  private final dev.mephisto.core.internal.CommitGate gate;
  private final List<Delivery> pending = new ArrayList<>();
  private final dev.mephisto.core.internal.metrics.SourceMeter meter;
  private int hold;
  private boolean noAck;
  private Delivery current;
  private Object currentValue;
  private Object currentKey;
  private boolean keyDecoded;
  private Event<?, ?> currentEvent;

  /**
   * @param queue records (and the {@link AbstractStream#END} marker) for this instance
   * @param binding decodes keys and values
   * @param host the agent instance
   * @param types the app's declared types, for a repartition topic whose records may name theirs
   *     in {@link ValueTypes#HEADER}; null for every other topic (the header is ignored there)
   * @param gate waited on before each record (exactly-once commits happen between records)
   */
  public SourceStream(BlockingQueue<Object> queue, Binding<?, V> binding, StreamHost host,
      ValueTypes types, dev.mephisto.core.internal.CommitGate gate) {
    super(null);
    this.gate = gate;
    this.queue = queue;
    this.binding = binding;
    this.host = host;
    this.types = types;
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
      Object decoded = decodeValue(d);
      if (decoded == SKIP) {
        continue;
      }
      RuntimeException refused = host.refuses(d);
      if (refused != null) {
        host.undecodable(d, refused);
        continue;
      }
      @SuppressWarnings("unchecked")
      V value = (V) decoded;
      current = d;
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
      meter.took(d.record(), !queue.isEmpty());
      return value;
    }
  }

  /**
   * Decodes a record's value. A poison record goes to the dead-letter topic (by the agent's
   * policy) and {@link #SKIP} is returned; a transient failure is retried with backoff while
   * this instance's partitions wait, until it decodes, the partition is revoked ({@link #SKIP},
   * not acknowledged: the new holder decodes it) or the agent stops (the stream ends; the record
   * is not acknowledged, so not committed).
   */
  private Object decodeValue(Delivery d) {
    for (int attempt = 1; ; attempt++) {
      try {
        return decode(d);
      } catch (TransientCodecException e) {
        TransientCodecException located =
            e.withLocation(Decoding.location("value", d.record(), binding.valueSpec()));
        if (!Decoding.backOff(attempt, located, () -> host.ending() || !d.live())) {
          if (!d.live()) {
            return SKIP;
          }
          throw new StreamStoppedException();
        }
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        host.undecodable(d, Decoding.poison("value", d.record(), binding.valueSpec(), e));
        return SKIP;
      } catch (Error e) {
        host.fatal("Decoding topic '" + d.record().topic() + "' partition "
            + d.record().partition() + " offset " + d.record().offset(), e);
        throw new StreamStoppedException();
      }
    }
  }

  private Object decode(Delivery d) {
    if (d.decoded()) {
      return d.valueObject();
    }
    byte[] bytes = d.record().value();
    if (types != null) {
      Header typeHeader = d.record().headers().lastHeader(ValueTypes.HEADER);
      if (typeHeader != null) {
        return binding.decodeValueAs(bytes, declaredType(typeHeader.value()));
      }
    }
    return binding.decodeValue(bytes);
  }

  private Class<?> declaredType(byte[] name) {
    if (lastTypeName != null && Arrays.equals(name, lastTypeName)) {
      return lastType;
    }
    Class<?> t = types.lookup(name);
    if (t == null) {
      String shown = name == null ? "null" : new String(name, 0, Math.min(name.length, 200),
          StandardCharsets.UTF_8);
      throw new CodecException("header '" + ValueTypes.HEADER + "' names the type '" + shown
          + "' that this app did not declare; a forwarded value's type must be declared (as the "
          + "value type of a topic, table or channel) by every worker of the app");
    }
    lastTypeName = name.clone();
    lastType = t;
    return t;
  }

  /** Acknowledges what the previous top-level value consumed, unless an operator holds it. */
  void beginTopLevel() {
    if (hold == 0 && !pending.isEmpty()) {
      for (int i = 0; i < pending.size(); i++) { // indexed: no iterator per record
        pending.get(i).ack();
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

  /**
   * Decodes the key when the agent first asks for it: a transient failure is retried as for
   * values; any other failure is thrown as a {@link CodecException} into the agent, whose error
   * policy then sends the record to the dead-letter topic.
   */
  private Object decodeKey(Delivery d) {
    ConsumerRecord<byte[], byte[]> r = d.record();
    for (int attempt = 1; ; attempt++) {
      try {
        return binding.decodeKey(r.key());
      } catch (TransientCodecException e) {
        TransientCodecException located = e.withLocation(Decoding.location("key", r, binding.keySpec()));
        // the agent holds the record already: it waits even if the partition is revoked
        // meanwhile (its new holder waits for the same registry), until the agent stops
        if (!Decoding.backOff(attempt, located, host::ending)) {
          throw new StreamStoppedException();
        }
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw Decoding.poison("key", r, binding.keySpec(), e);
      }
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
      Object value = current.decoded() ? current.valueObject() : currentValue;
      currentEvent = new Event<>(currentKey(), value, Map.copyOf(headers), r.topic(),
          r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
    }
    return currentEvent;
  }
}
