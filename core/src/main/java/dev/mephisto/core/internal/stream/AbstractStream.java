package dev.mephisto.core.internal.stream;

import dev.mephisto.ConfigurationException;
import dev.mephisto.Event;
import dev.mephisto.Indexed;
import dev.mephisto.JoinWindow;
import dev.mephisto.KeyValue;
import dev.mephisto.Stream;
import dev.mephisto.Table;
import dev.mephisto.Topic;
import dev.mephisto.internal.SettingsParser;
import dev.mephisto.stream.StreamOperator;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Base of every stream: a pull-based chain ending at a {@link SourceStream}. Operators call
 * {@link #pull(long)} on their upstream; only the iterator the agent loops over is "top level",
 * and asking it for the next value acknowledges what the previous value consumed.
 *
 * <p>The key type of every stream of a chain is the key type of its source: operators replace
 * values, never keys (groupBy and through start a new chain from a new source).
 *
 * @param <K> key type
 * @param <V> value type
 */
public abstract class AbstractStream<K, V> implements Stream<K, V> {
  /** Returned by {@link #pull} when the stream has ended. */
  public static final Object END = new Object();
  /** Returned by {@link #pull} when the deadline passed first. */
  public static final Object TIMEOUT = new Object();
  /**
   * Returned by {@link #pull} when the source took a record of a stream–stream join's other
   * side: operators hand it on untouched; the join consumes it.
   */
  public static final Object SIDE = new Object();
  /** A deadline meaning: wait as long as it takes. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  /** The source this chain reads from. */
  protected final SourceStream<K, ?> root;

  /** @param root the source of this chain; null only for the source itself */
  protected AbstractStream(SourceStream<K, ?> root) {
    this.root = root;
  }

  /**
   * @param o what a pull returned
   * @return true for {@link #END}, {@link #TIMEOUT} and {@link #SIDE}: no value to work on
   */
  protected static boolean signal(Object o) {
    return o == END || o == TIMEOUT || o == SIDE;
  }

  /**
   * @param upstream this side of a stream–stream join
   * @param join its state
   * @return the joined stream
   */
  public static <K, V, R> AbstractStream<K, R> joined(AbstractStream<K, V> upstream,
      dev.mephisto.core.internal.join.WindowJoin<K, V, ?, R> join) {
    return new StreamJoin<>(upstream, join);
  }

  /** @return the source of this chain */
  public SourceStream<K, ?> root() {
    return root;
  }

  /**
   * @return the class every value is known to have (the source's value type until a map, or the
   *     one {@link #withValueType} declared), or null
   */
  public Class<V> valueType() {
    return null;
  }

  /**
   * @return true when the values are the source's decoded values, unchanged (so a record can be
   *     forwarded as its original bytes)
   */
  public boolean sourceValues() {
    return false;
  }

  /**
   * The next value, {@link #END} or {@link #TIMEOUT}.
   *
   * @param deadline {@link System#nanoTime()} to give up at, or {@link #NO_DEADLINE}
   * @return a value (may be null), END or TIMEOUT
   * @throws InterruptedException if the agent thread is interrupted
   */
  protected abstract Object pull(long deadline) throws InterruptedException;

  /**
   * Pulls, turning interruption into a stop.
   *
   * @param deadline as for {@link #pull}
   * @return as for {@link #pull}
   */
  public final Object pullOrStop(long deadline) {
    try {
      return pull(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamStoppedException();
    }
  }

  @Override
  public Iterator<V> iterator() {
    return new Iterator<>() {
      private Object next;
      private boolean fetched;

      @Override
      public boolean hasNext() {
        if (!fetched) {
          root().beginTopLevel();
          next = pullOrStop(NO_DEADLINE);
          fetched = true;
        }
        return next != END;
      }

      @Override
      @SuppressWarnings("unchecked")
      public V next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the stream has ended");
        }
        fetched = false;
        return (V) next;
      }
    };
  }

  @Override
  public Stream<K, V> filter(Predicate<? super V> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new Operators.Filter<>(this, predicate);
  }

  @Override
  public <R> Stream<K, R> map(Function<? super V, ? extends R> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Operators.Map<>(this, fn);
  }

  @Override
  public <R> Stream<K, R> flatMap(Function<? super V, ? extends Iterable<? extends R>> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Operators.FlatMap<>(this, fn);
  }

  @Override
  public Stream<K, V> withValueType(Class<V> type) {
    Objects.requireNonNull(type, "valueType");
    return new Operators.Typed<>(this, type);
  }

  @Override
  public Stream<K, V> groupBy(Function<? super V, ? extends K> keyFn, String name) {
    return groupBy(keyFn, root().keyType(), name);
  }

  @Override
  public <K2> Stream<K2, V> groupBy(Function<? super V, ? extends K2> keyFn, Class<K2> keyType,
      String name) {
    Objects.requireNonNull(keyFn, "keyFn");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(name, "name");
    if (valueType() == null) {
      throw new ConfigurationException("groupBy '" + name + "' of agent '"
          + root().host().agentName() + "' repartitions values whose class is not known (a map "
          + "hides it), so the worker reading the repartition topic could not decode them; "
          + "declare it before grouping, e.g. stream.map(...).withValueType(Total.class)"
          + ".groupBy(...), or group before mapping");
    }
    return root().host().repartition(this, keyFn, keyType, name);
  }

  @Override
  public Stream<K, V> through(Topic<K, V> topic) {
    Objects.requireNonNull(topic, "topic");
    return root().host().through(this, topic);
  }

  @Override
  public Stream<K, List<V>> take(int max, Duration within) {
    if (max < 1) {
      throw new IllegalArgumentException("take max was '" + max + "' but it should be >= 1");
    }
    Objects.requireNonNull(within, "within");
    if (within.isNegative() || within.compareTo(SettingsParser.MAX_DURATION) > 0) {
      throw new ConfigurationException("take within was '" + within + "' but it should be "
          + "between 0 and " + SettingsParser.MAX_DURATION.toDays() + " days");
    }
    return new Operators.Take<>(this, max, within);
  }

  @Override
  public Stream<K, V> echo(Topic<K, ? super V> topic) {
    Objects.requireNonNull(topic, "topic");
    return new Operators.Peek<>(this, v -> root().host().echo(topic, v, root()));
  }

  @Override
  public Stream<K, Indexed<V>> enumerate() {
    return new Operators.Enumerate<>(this);
  }

  @Override
  public Stream<K, KeyValue<K, V>> items() {
    return new Operators.Map<>(this, v -> KeyValue.of(root().currentKey(), v));
  }

  @Override
  public Stream<K, Event<K, V>> events() {
    return new Operators.Map<>(this, v -> root().eventNow().withValue(v));
  }

  @Override
  public Stream<K, V> noAck() {
    root().disableAck();
    return this;
  }

  @Override
  public Stream<K, V> peek(Consumer<? super V> action) {
    Objects.requireNonNull(action, "action");
    return new Operators.Peek<>(this, action);
  }

  @Override
  public Stream<K, V> apply(StreamOperator operator, Map<String, ?> config) {
    Objects.requireNonNull(operator, "operator");
    Map<String, ?> c = Map.copyOf(config);
    return operator.apply(this, c, new OperatorContextImpl(this, operator.name(), c));
  }

  @Override
  public <T, R> Stream<K, R> join(Table<K, T> table,
      BiFunction<? super V, ? super T, ? extends R> joiner) {
    return TableLookup.of(this, Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(joiner, "joiner"), true);
  }

  @Override
  public <T, R> Stream<K, R> leftJoin(Table<K, T> table,
      BiFunction<? super V, ? super T, ? extends R> joiner) {
    return TableLookup.of(this, Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(joiner, "joiner"), false);
  }

  @Override
  public <K2, T, R> Stream<K, R> join(Table<K2, T> globalTable,
      Function<? super V, ? extends K2> keyMapper,
      BiFunction<? super V, ? super T, ? extends R> joiner) {
    return TableLookup.global(this, Objects.requireNonNull(globalTable, "globalTable"),
        Objects.requireNonNull(keyMapper, "keyMapper"), Objects.requireNonNull(joiner, "joiner"),
        true);
  }

  @Override
  public <K2, T, R> Stream<K, R> leftJoin(Table<K2, T> globalTable,
      Function<? super V, ? extends K2> keyMapper,
      BiFunction<? super V, ? super T, ? extends R> joiner) {
    return TableLookup.global(this, Objects.requireNonNull(globalTable, "globalTable"),
        Objects.requireNonNull(keyMapper, "keyMapper"), Objects.requireNonNull(joiner, "joiner"),
        false);
  }

  @Override
  public <V2, R> Stream<K, R> join(Topic<K, V2> other, JoinWindow window,
      BiFunction<? super V, ? super V2, ? extends R> joiner, String name) {
    return root().host().streamJoin(this, other, window, joiner, name, StreamJoinType.INNER);
  }

  @Override
  public <V2, R> Stream<K, R> leftJoin(Topic<K, V2> other, JoinWindow window,
      BiFunction<? super V, ? super V2, ? extends R> joiner, String name) {
    return root().host().streamJoin(this, other, window, joiner, name, StreamJoinType.LEFT);
  }

  @Override
  public <V2, R> Stream<K, R> outerJoin(Topic<K, V2> other, JoinWindow window,
      BiFunction<? super V, ? super V2, ? extends R> joiner, String name) {
    return root().host().streamJoin(this, other, window, joiner, name, StreamJoinType.OUTER);
  }

  @Override
  public Stream<K, V> apply(String operatorName, Map<String, ?> config) {
    return apply(root().host().operator(operatorName), config);
  }

  @Override
  public Optional<Event<K, ?>> currentEvent() {
    return Optional.ofNullable(root().eventNow());
  }
}
