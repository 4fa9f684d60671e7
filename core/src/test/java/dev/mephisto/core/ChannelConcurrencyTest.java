package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mephisto.App;
import dev.mephisto.Channel;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.TestApps;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code concurrency(n)} on an in-memory channel runs n instances. */
class ChannelConcurrencyTest {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(20));
  @RegisterExtension final TestApps apps = new TestApps();

  @Test
  void keylessValuesOfAChannelAreSpreadOverEveryInstance() {
    App app = apps.memory("chan-conc");
    Channel<Void, Integer> numbers = app.channel(Integer.class);
    Map<Integer, String> threadOf = new ConcurrentHashMap<>();
    app.agent(numbers).name("work").concurrency(4).start(s -> {
      for (Integer n : s) {
        threadOf.put(n, Thread.currentThread().getName());
      }
    });
    app.start();
    for (int i = 0; i < 40; i++) {
      numbers.send(i);
    }
    AWAIT.until("40 values processed", threadOf::size, n -> n == 40);
    assertEquals(Set.of("agent-work-0", "agent-work-1", "agent-work-2", "agent-work-3"),
        Set.copyOf(threadOf.values()));
  }

  @Test
  void oneKeysValuesOfAChannelStayOnOneInstanceInOrder() {
    App app = apps.memory("chan-keys");
    Channel<String, Integer> numbers = app.channel(String.class, Integer.class);
    Map<String, Set<String>> threadsOfKey = new ConcurrentHashMap<>();
    Map<String, java.util.List<Integer>> seen = new ConcurrentHashMap<>();
    AtomicInteger count = new AtomicInteger();
    app.agent(numbers).name("keyed").concurrency(3).start(s -> {
      for (var kv : s.items()) {
        threadsOfKey.computeIfAbsent(kv.key(), k -> ConcurrentHashMap.newKeySet())
            .add(Thread.currentThread().getName());
        seen.computeIfAbsent(kv.key(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
            .add(kv.value());
        count.incrementAndGet();
      }
    });
    app.start();
    for (int i = 0; i < 60; i++) {
      numbers.send("k" + (i % 6), i);
    }
    AWAIT.until("60 values processed", count::get, n -> n == 60);
    threadsOfKey.forEach((k, threads) -> assertEquals(1, threads.size(), k + " on " + threads));
    seen.forEach((k, values) -> assertEquals(values.stream().sorted().toList(), values, k));
    assertEquals(3, threadsOfKey.values().stream().flatMap(Set::stream)
        .collect(Collectors.toSet()).size(), "six keys spread over the three instances");
  }
}
