package dev.mephisto.core.internal.agent;

import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.ValueTypes;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.stream.AbstractStream;
import dev.mephisto.core.internal.stream.StreamStoppedException;
import java.util.Iterator;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Iterates an upstream on its own virtual thread and sends every value to a topic. */
final class Forwarder<T> {
  private final AgentInstance<?> owner;
  private final AbstractStream<T> upstream;
  private final Binding<?, T> target;
  private final Function<? super T, ?> keyFn;
  private final boolean repartition;
  private Thread thread;

  Forwarder(AgentInstance<?> owner, AbstractStream<T> upstream, Binding<?, T> target,
      Function<? super T, ?> keyFn, boolean repartition) {
    this.owner = owner;
    this.upstream = upstream;
    this.target = target;
    this.keyFn = keyFn;
    this.repartition = repartition;
  }

  Binding<?, T> target() {
    return target;
  }

  void start() {
    thread = Thread.ofVirtual().name("forward-" + target.topic() + "-" + owner.index())
        .start(this::run);
  }

  void interrupt() {
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void run() {
    while (true) {
      try {
        Iterator<T> it = upstream.iterator();
        while (it.hasNext()) {
          forward(it.next());
        }
        return;
      } catch (StreamStoppedException e) {
        return;
      } catch (Throwable t) {
        if (!owner.handleFailure(upstream.root().takePending(), t)) {
          return;
        }
      } finally {
        EventContext.clear();
      }
    }
  }

  private void forward(T value) {
    Delivery d = upstream.root().currentDelivery();
    ConsumerRecord<byte[], byte[]> r = d.record();
    Object key = repartition ? keyFn.apply(value) : null;
    byte[] keyBytes = repartition ? target.encodeKey(key) : r.key();
    byte[] valueBytes;
    Headers headers = r.headers();
    if (repartition && upstream.knownType() != null && !d.decoded()) {
      valueBytes = r.value(); // unchanged value: forward the original bytes
    } else {
      valueBytes = target.encodeValue(value);
      if (repartition && value != null) {
        Class<?> type = ValueTypes.typeOf(value);
        if (type != target.valueType()) {
          // the reading side decodes it as the type this header names, looked up among the
          // types the app declared: so it must be declared, checked here where it is known
          byte[] name = owner.services().valueTypes().headerValue(type);
          if (name == null) {
            throw ValueTypes.undeclared(type, owner.services().settings().id(), target.topic());
          }
          headers = withoutTypeHeader(headers);
          headers.add(ValueTypes.HEADER, name);
          send(r, key, keyBytes, valueBytes, headers, value);
          return;
        }
      }
    }
    if (repartition && headers.lastHeader(ValueTypes.HEADER) != null) {
      // only the app names types on its repartition topics; a header that came with the input
      // record must not pick the type the reading side decodes into
      headers = withoutTypeHeader(headers);
    }
    send(r, key, keyBytes, valueBytes, headers, value);
  }

  private void send(ConsumerRecord<byte[], byte[]> r, Object key, byte[] keyBytes,
      byte[] valueBytes, Headers headers, T value) {
    // the forwarded record keeps its event time: windows after groupBy/through see the original
    owner.services().sendRaw(target.topic(), null, keyBytes, valueBytes, headers, key, value,
        r.timestamp());
  }

  private static Headers withoutTypeHeader(Headers in) {
    Headers h = new RecordHeaders(in.toArray());
    h.remove(ValueTypes.HEADER);
    return h;
  }
}
