package dev.mephisto.core.internal.agent;

import dev.mephisto.core.internal.Binding;
import dev.mephisto.core.internal.EventContext;
import dev.mephisto.core.internal.offsets.Delivery;
import dev.mephisto.core.internal.stream.AbstractStream;
import dev.mephisto.core.internal.stream.SourceStream;
import dev.mephisto.core.internal.stream.StreamStoppedException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Iterates an upstream on its own virtual thread and sends every value to a topic: a repartition
 * topic keyed by {@code keyFn} (groupBy), or a topic keyed as the record came (through).
 */
final class Forwarder<T> {
  private final AgentInstance<?, ?> owner;
  private final AbstractStream<?, T> upstream;
  private final Binding<?, T> target;
  private final Function<? super T, ?> keyFn;
  private final boolean repartition;
  private final BlockingQueue<Object> local;
  private Thread thread;

  /**
   * @param local null to send to the target topic; else the queue of the target's source, for a
   *     test context (no broker): values go there as objects, and the records they came from are
   *     acknowledged once those are processed
   */
  Forwarder(AgentInstance<?, ?> owner, AbstractStream<?, T> upstream, Binding<?, T> target,
      Function<? super T, ?> keyFn, boolean repartition, BlockingQueue<Object> local) {
    this.owner = owner;
    this.upstream = upstream;
    this.target = target;
    this.keyFn = keyFn;
    this.repartition = repartition;
    this.local = local;
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
    SourceStream<?, ?> source = upstream.root();
    Delivery d = source.currentDelivery();
    ConsumerRecord<byte[], byte[]> r = d.record();
    Object key = repartition ? keyFn.apply(value) : null; // through: the bytes as they are
    if (local != null) {
      List<Delivery> from = source.detachPending();
      Delivery moved = new Delivery(r, key, value, 1);
      if (!from.isEmpty()) {
        moved.onDone(() -> from.forEach(Delivery::ack));
      }
      local.add(moved);
      return;
    }
    byte[] keyBytes = repartition ? target.encodeKey(key) : source.keyBytesFor(target);
    // an unchanged value in the same codec is forwarded as its original bytes
    byte[] valueBytes = upstream.sourceValues() && !d.decoded()
        && source.currentBinding().valueSpec().equals(target.valueSpec())
        ? r.value() : target.encodeValue(value);
    // the forwarded record keeps its event time: windows after groupBy/through see the original
    owner.services().sendRaw(target.topic(), null, keyBytes, valueBytes, r.headers(), key, value,
        r.timestamp());
  }
}
