package dev.mephisto.core.internal.agent;

import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.stream.AbstractStream;
import dev.mephisto.core.internal.stream.SourceStream;
import dev.mephisto.core.internal.stream.StreamStoppedException;
import java.nio.charset.StandardCharsets;
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
    Headers headers;
    if (repartition && upstream.knownType() != null && !d.decoded()) {
      valueBytes = r.value(); // unchanged value: forward the original bytes
      headers = r.headers();
    } else {
      valueBytes = target.encodeValue(value);
      headers = new RecordHeaders(r.headers().toArray());
      if (repartition && value != null) {
        headers.remove(SourceStream.VALUE_TYPE_HEADER);
        headers.add(SourceStream.VALUE_TYPE_HEADER,
            value.getClass().getName().getBytes(StandardCharsets.UTF_8));
      }
    }
    // the forwarded record keeps its event time: windows after groupBy/through see the original
    owner.services().sendRaw(target.topic(), null, keyBytes, valueBytes, headers, key, value,
        r.timestamp());
  }
}
