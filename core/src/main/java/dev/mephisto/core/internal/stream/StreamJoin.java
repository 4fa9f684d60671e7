package dev.mephisto.core.internal.stream;

import dev.mephisto.KeyValue;
import dev.mephisto.core.internal.join.WindowJoin;
import dev.mephisto.core.internal.offsets.Delivery;
import java.util.List;

/**
 * The stream after a stream–stream join: takes this side's values from upstream and the other
 * side's records from the source ({@link AbstractStream#SIDE}), and hands out the results each
 * gives (matches, then left/outer results whose window closed), each with its own key. A record
 * is acknowledged once all its results were handed out, or at once when it gives none.
 *
 * @param <K> key type
 * @param <V> this side's value type
 * @param <R> result type
 */
final class StreamJoin<K, V, R> extends AbstractStream<K, R> {
  private final AbstractStream<K, V> up;
  private final WindowJoin<K, V, ?, R> join;
  private List<KeyValue<K, R>> results;
  private int next;

  StreamJoin(AbstractStream<K, V> up, WindowJoin<K, V, ?, R> join) {
    super(up.root());
    this.up = up;
    this.join = join;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Object pull(long deadline) throws InterruptedException {
    SourceStream<K, ?> src = root();
    while (true) {
      if (results != null) {
        if (next < results.size()) {
          KeyValue<K, R> kv = results.get(next++);
          src.overrideKey(kv.key());
          if (next == results.size()) {
            results = null;
            src.release();
          }
          return kv.value();
        }
        results = null;
        src.release();
      }
      Object o = up.pull(deadline);
      if (o == END || o == TIMEOUT) {
        return o;
      }
      Delivery d = src.currentDelivery();
      K key = src.currentKey();
      long time = d.record().timestamp();
      long offset = d.record().offset();
      List<KeyValue<K, R>> out = o == SIDE
          ? joinOther(key, src.sideValue(), time, offset)
          : join.onThis(key, (V) o, time, offset);
      if (out.isEmpty()) {
        src.dropCurrent();
        continue;
      }
      results = out;
      next = 0;
      src.hold();
    }
  }

  @SuppressWarnings("unchecked")
  private <V2> List<KeyValue<K, R>> joinOther(K key, Object value, long time, long offset) {
    return ((WindowJoin<K, V, V2, R>) join).onOther(key, (V2) value, time, offset);
  }
}
