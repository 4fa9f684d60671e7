package dev.mephisto.core.internal.stream;

import dev.mephisto.Indexed;
import dev.mephisto.MephistoException;
import dev.mephisto.core.internal.Classes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The stateless operators: each pulls from its upstream on the agent's thread. */
final class Operators {
  private Operators() {}

  static final class Filter<K, V> extends AbstractStream<K, V> {
    private final AbstractStream<K, V> up;
    private final Predicate<? super V> predicate;

    Filter(AbstractStream<K, V> up, Predicate<? super V> predicate) {
      super(up.root());
      this.up = up;
      this.predicate = predicate;
    }

    @Override
    public Class<V> valueType() {
      return up.valueType();
    }

    @Override
    public boolean sourceValues() {
      return up.sourceValues();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object pull(long deadline) throws InterruptedException {
      while (true) {
        Object o = up.pull(deadline);
        if (signal(o) || predicate.test((V) o)) {
          return o;
        }
        root().dropCurrent();
      }
    }
  }

  static final class Map<K, V, R> extends AbstractStream<K, R> {
    private final AbstractStream<K, V> up;
    private final Function<? super V, ? extends R> fn;

    Map(AbstractStream<K, V> up, Function<? super V, ? extends R> fn) {
      super(up.root());
      this.up = up;
      this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object pull(long deadline) throws InterruptedException {
      Object o = up.pull(deadline);
      return signal(o) ? o : fn.apply((V) o);
    }
  }

  static final class Peek<K, V> extends AbstractStream<K, V> {
    private final AbstractStream<K, V> up;
    private final Consumer<? super V> action;

    Peek(AbstractStream<K, V> up, Consumer<? super V> action) {
      super(up.root());
      this.up = up;
      this.action = action;
    }

    @Override
    public Class<V> valueType() {
      return up.valueType();
    }

    @Override
    public boolean sourceValues() {
      return up.sourceValues();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object pull(long deadline) throws InterruptedException {
      Object o = up.pull(deadline);
      if (!signal(o)) {
        action.accept((V) o);
      }
      return o;
    }
  }

  static final class FlatMap<K, V, R> extends AbstractStream<K, R> {
    private final AbstractStream<K, V> up;
    private final Function<? super V, ? extends Iterable<? extends R>> fn;
    private Iterator<? extends R> buffer;

    FlatMap(AbstractStream<K, V> up, Function<? super V, ? extends Iterable<? extends R>> fn) {
      super(up.root());
      this.up = up;
      this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object pull(long deadline) throws InterruptedException {
      while (true) {
        if (buffer != null) {
          if (buffer.hasNext()) {
            R next = buffer.next();
            if (!buffer.hasNext()) {
              buffer = null;
              root().release();
            }
            return next;
          }
          buffer = null;
          root().release();
        }
        Object o = up.pull(deadline);
        if (signal(o)) {
          return o;
        }
        Iterable<? extends R> out = fn.apply((V) o);
        if (out != null) {
          buffer = out.iterator();
          root().hold(); // the record is done only when all its values were handed out
        }
      }
    }
  }

  static final class Enumerate<K, V> extends AbstractStream<K, Indexed<V>> {
    private final AbstractStream<K, V> up;
    private long index;

    Enumerate(AbstractStream<K, V> up) {
      super(up.root());
      this.up = up;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object pull(long deadline) throws InterruptedException {
      Object o = up.pull(deadline);
      return signal(o) ? o : new Indexed<>(index++, (V) o);
    }
  }

  static final class Take<K, V> extends AbstractStream<K, List<V>> {
    private final AbstractStream<K, V> up;
    private final int max;
    private final long withinNanos;
    private List<V> carried;
    private long carriedUntil;

    Take(AbstractStream<K, V> up, int max, Duration within) {
      super(up.root());
      this.up = up;
      this.max = max;
      this.withinNanos = within.toNanos();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object pull(long deadline) throws InterruptedException {
      List<V> batch = carried != null ? carried : new ArrayList<>(Math.min(max, 1024));
      long until = carried != null ? carriedUntil : deadline;
      carried = null;
      if (batch.isEmpty()) {
        Object first = up.pull(deadline);
        if (signal(first)) {
          return first;
        }
        batch.add((V) first);
        until = Math.min(System.nanoTime() + withinNanos, deadline);
      }
      while (batch.size() < max) {
        Object o = up.pull(until);
        if (o == TIMEOUT) {
          break;
        }
        if (o == END) {
          break; // hand out what we have; the next pull sees END again
        }
        if (o == SIDE) {
          carried = batch; // the join below works on it; the batch goes on at the next pull
          carriedUntil = until;
          return o;
        }
        batch.add((V) o);
      }
      return batch;
    }
  }

  /** {@code withValueType}: the same values, each checked against a declared class. */
  static final class Typed<K, V> extends AbstractStream<K, V> {
    private final AbstractStream<K, V> up;
    private final Class<V> type;

    Typed(AbstractStream<K, V> up, Class<V> type) {
      super(up.root());
      this.up = up;
      this.type = type;
    }

    @Override
    public Class<V> valueType() {
      return type;
    }

    @Override
    public boolean sourceValues() {
      return up.sourceValues();
    }

    @Override
    protected Object pull(long deadline) throws InterruptedException {
      Object o = up.pull(deadline);
      if (!signal(o) && o != null && !Classes.isInstance(type, o)) {
        throw new MephistoException("Agent '" + root().host().agentName() + "' declared its "
            + "stream's values as " + type.getName() + " (withValueType) but got a "
            + o.getClass().getName() + " from " + root().eventNow().coordinates()
            + "; declare the class the map really returns");
      }
      return o;
    }
  }
}
