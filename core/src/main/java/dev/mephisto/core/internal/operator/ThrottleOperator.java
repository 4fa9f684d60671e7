package dev.mephisto.core.internal.operator;

import dev.mephisto.Stream;
import dev.mephisto.stream.StreamOperator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code throttle}: lets at most {@code perSecond} values through per second (a token bucket of
 * {@code burst} tokens, default one second's worth), making the agent wait rather than dropping.
 */
public final class ThrottleOperator implements StreamOperator {
  @Override
  public String name() {
    return "throttle";
  }

  @Override
  public <K, V> Stream<K, V> apply(Stream<K, V> upstream, Map<String, ?> config) {
    int perSecond = DedupeOperator.Options.positiveInt(config, "perSecond", 0 + 1000, name());
    int burst = DedupeOperator.Options.positiveInt(config, "burst", perSecond, name());
    DedupeOperator.Options.onlyKnown(config, name(), "perSecond", "burst");
    long nanosPerToken = 1_000_000_000L / perSecond;
    long[] state = {System.nanoTime() - nanosPerToken * burst}; // "tokens full" at start
    return upstream.peek(v -> {
      long now = System.nanoTime();
      long earliest = now - nanosPerToken * burst;
      long t = Math.max(state[0], earliest) + nanosPerToken;
      state[0] = t;
      long wait = t - now;
      while (wait > 0) {
        LockSupport.parkNanos(wait);
        wait = t - System.nanoTime();
      }
    });
  }
}
