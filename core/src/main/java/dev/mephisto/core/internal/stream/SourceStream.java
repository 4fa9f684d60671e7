package dev.mephisto.core.internal.stream;

import dev.mephisto.CodecException;
import dev.mephisto.TransientCodecException;
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
public final class SourceStream<K, V> extends AbstractStream<K, V>
    implements dev.mephisto.core.internal.EventContext.Inputs {
  /** Returned by {@link #decodeValue} when the record was handled without reaching the agent. */
  private static final Object SKIP = new Object();

  private final BlockingQueue<Object> queue;
  private final Binding<K, V> binding;
  private final Function<String, Binding<K, V>> bindings;
  private final StreamHost host;
  private final dev.mephisto.core.internal.CommitGate gate;
  private final List<Delivery> pending = new ArrayList<>();
  private static final Delivery[] NO_RUN = {};
  private Delivery[] run = NO_RUN; // records of one partition handed over at once
  private int runIndex;
  private final dev.mephisto.core.internal.metrics.SourceMeter meter;
  private int hold;
  private boolean noAck;
  private Delivery current;
  private Binding<K, V> currentBinding;
  private V currentValue;
  private K currentKey;
  private boolean keyDecoded;
  private Event<K, V> currentEvent;
  /** Bindings of the other sides of stream–stream joins, whose records come through here. */
  private volatile Map<String, Binding<?, ?>> sides = Map.of();
  private boolean side;
  private Object currentSideValue;
  private K keyOverride;

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
    this.meter = host.sourceMeter(binding.topic());
  }

  /**
   * Continues where another stream of the same queue stopped (a restarted agent body): the rest
   * of the run it held comes first.
   *
   * @param previous the stream this one replaces; it is not read any more
   */
  public void takeOver(SourceStream<?, ?> previous) {
    if (previous.runIndex < previous.run.length) {
      run = previous.run;
      runIndex = previous.runIndex;
      previous.run = NO_RUN;
      previous.runIndex = 0;
    }
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

  /**
   * Records of {@code b}'s topic reach this source too (the other side of a stream–stream join):
   * they are decoded with {@code b} and announced with {@link AbstractStream#SIDE}.
   *
   * @param b the other side's binding
   */
  public void addSide(Binding<K, ?> b) {
    Map<String, Binding<?, ?>> m = new HashMap<>(sides);
    m.put(b.topic(), b);
    sides = Map.copyOf(m);
  }

  /**
   * @param topic a topic
   * @return true if its records reach this source as the other side of a join
   */
  public boolean readsSide(String topic) {
    return sides.containsKey(topic);
  }

  /** @return the value of the other side's record being processed (after {@link #SIDE}) */
  public Object sideValue() {
    return currentSideValue;
  }

  /**
   * Makes {@link #currentKey()} answer another key until the next record: the join's results
   * of earlier events carry their own keys.
   *
   * @param key the key, or null to answer the record's own again
   */
  public void overrideKey(K key) {
    this.keyOverride = key;
  }

  @SuppressWarnings("unchecked")
  private Binding<K, V> bindingOf(String topic) {
    Binding<?, ?> sb = sides.isEmpty() ? null : sides.get(topic);
    if (sb != null) {
      return (Binding<K, V>) sb; // same key type; its values are handed out as sideValue()
    }
    if (bindings == null) {
      return binding; // one topic (and maybe join sides, handled above)
    }
    if (currentBinding.topic().equals(topic)) {
      return currentBinding;
    }
    return bindings.apply(topic);
  }

  @Override
  protected Object pull(long deadline) throws InterruptedException {
    meter.pulling();
    host.pulling();
    while (true) {
      Delivery d;
      if (runIndex < run.length) {
        d = run[runIndex++]; // the array may be shared by other agents' streams: not cleared
      } else {
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
        if (o instanceof Delivery[] r) { // the poll loop hands over a partition's run at once
          run = r;
          runIndex = 0;
          continue;
        }
        d = (Delivery) o;
      }
      if (!d.live()) {
        continue; // partition revoked: its new owner processes it
      }
      // marks it taken; waits while an exactly-once commit is under way, unless this stream
      // holds unfinished records (a part-filled take batch), which the commit waits for
      gate.enter(d, !pending.isEmpty());
      if (!d.live()) {
        d.unmarkTaken(); // revoked while this waited for a commit
        continue;
      }
      Binding<K, V> b = bindingOf(d.record().topic());
      Object decoded = decodeValue(d, b);
      if (decoded == SKIP) {
        continue;
      }
      RuntimeException refused = host.refuses(d);
      if (refused != null) {
        host.undecodable(d, refused);
        continue;
      }
      side = !sides.isEmpty() && sides.containsKey(d.record().topic());
      @SuppressWarnings("unchecked")
      V value = side ? null : (V) decoded;
      currentSideValue = side ? decoded : null;
      current = d;
      currentBinding = b;
      currentValue = value;
      keyDecoded = false;
      currentKey = null;
      keyOverride = null;
      currentEvent = null;
      EventContext.set(d, decoded, this);
      if (noAck) {
        d.ack();
      } else {
        pending.add(d);
      }
      meter.took(d.record(), runIndex < run.length || !queue.isEmpty());
      return side ? SIDE : value;
    }
  }

  /**
   * Decodes a record's value. A poison record goes to the dead-letter topic (by the agent's
   * policy) and {@link #SKIP} is returned; a transient failure is retried with backoff while
   * this instance's partitions wait, until it decodes, the partition is revoked ({@link #SKIP},
   * not acknowledged: the new holder decodes it) or the agent stops (the stream ends; the record
   * is not acknowledged, so not committed).
   */
  private Object decodeValue(Delivery d, Binding<K, V> b) {
    for (int attempt = 1; ; attempt++) {
      try {
        return decode(d, b);
      } catch (TransientCodecException e) {
        TransientCodecException located =
            e.withLocation(Decoding.location("value", d.record(), b.valueSpec()));
        if (!Decoding.backOff(attempt, located, () -> host.ending() || !d.live())) {
          if (!d.live()) {
            return SKIP;
          }
          throw new StreamStoppedException();
        }
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        host.undecodable(d, Decoding.poison("value", d.record(), b.valueSpec(), e));
        return SKIP;
      } catch (Error e) {
        host.fatal("Decoding topic '" + d.record().topic() + "' partition "
            + d.record().partition() + " offset " + d.record().offset(), e);
        throw new StreamStoppedException();
      }
    }
  }

  private static <K, V> Object decode(Delivery d, Binding<K, V> b) {
    if (d.decoded()) {
      // an object given to a typed API: Channel<K, V>.send, a test context's put, a test
      // context's in-memory groupBy (keyFn's result, the stream's value)
      return d.valueObject();
    }
    // the declared value class of the topic (or of the stream a groupBy repartitioned): no
    // header or payload picks another
    return b.decodeValue(d.record().value());
  }

  @SuppressWarnings("unchecked")
  private K keyObject(Delivery d) {
    return (K) d.keyObject(); // given to a typed API, as values of decoded deliveries
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

  @Override
  public List<Delivery> unacked() {
    return pending; // read on this stream's thread only, by the sends it makes
  }

  @Override
  public boolean outputFailed(List<Delivery> inputs, Throwable error) {
    return host.outputFailed(inputs, error);
  }

  /** @return the record being processed, or null before the first */
  public Delivery currentDelivery() {
    return current;
  }

  /** @return the decoded key of the record being processed */
  public K currentKey() {
    if (keyOverride != null) {
      return keyOverride;
    }
    if (current == null) {
      return null;
    }
    if (!keyDecoded) {
      currentKey = current.decoded() ? keyObject(current) : decodeKey(current);
      keyDecoded = true;
    }
    return currentKey;
  }

  /**
   * Decodes the key, into the declared key class, when the agent first asks for it: a transient
   * failure is retried as for values; any other failure is thrown as a {@link CodecException}
   * into the agent, whose error policy then sends the record to the dead-letter topic.
   */
  private K decodeKey(Delivery d) {
    ConsumerRecord<byte[], byte[]> r = d.record();
    Binding<K, V> b = currentBinding;
    for (int attempt = 1; ; attempt++) {
      try {
        return b.decodeKey(r.key());
      } catch (TransientCodecException e) {
        TransientCodecException located = e.withLocation(Decoding.location("key", r, b.keySpec()));
        // the agent holds the record already: it waits even if the partition is revoked
        // meanwhile (its new holder waits for the same registry), until the agent stops
        if (!Decoding.backOff(attempt, located, host::ending)) {
          throw new StreamStoppedException();
        }
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw Decoding.poison("key", r, b.keySpec(), e);
      }
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
