package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.core.internal.transport.RecordSource;
import dev.mephisto.core.internal.transport.Transport;
import dev.mephisto.store.ChangelogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps standby and global table partitions up to date: one background platform thread with its
 * own group-less consumer applies whatever the changelogs receive, batch by batch. The polling
 * thread changes the followed set with {@link #follow}, which returns once the thread no longer
 * touches partitions that left the set (so they can be promoted or closed).
 */
final class ChangelogFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangelogFollower.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long HANDOVER_WAIT_MS = 30_000;

  private final Transport transport;
  private final String clientId;
  private final RestoreProgress progress;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Condition progressed = lock.newCondition();
  private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
  private Map<TopicPartition, StatePartition> desired = Map.of();
  private long version;
  private long appliedVersion;
  private volatile boolean closed;
  private volatile RecordSource source;
  private Thread thread;

  ChangelogFollower(Transport transport, String clientId, RestoreProgress progress) {
    this.transport = transport;
    this.clientId = clientId;
    this.progress = progress;
  }

  /**
   * Follows exactly these partitions from now on (their stores are open).
   *
   * @param parts the partitions to follow
   */
  void follow(Collection<StatePartition> parts) {
    Map<TopicPartition, StatePartition> m = new LinkedHashMap<>();
    parts.forEach(p -> m.put(p.changelog(), p));
    lock.lock();
    try {
      if (m.equals(desired)) {
        return;
      }
      desired = m;
      long v = ++version;
      if (thread == null && !m.isEmpty()) {
        thread = Thread.ofPlatform().daemon().name(clientId).start(this::run);
      }
      changed.signalAll();
      RecordSource s = source;
      if (s != null) {
        s.wakeup();
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDOVER_WAIT_MS);
      while (thread != null && thread.isAlive() && appliedVersion < v && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn("The changelog follower '{}' did not take the new partition set within {} s",
              clientId, HANDOVER_WAIT_MS / 1000);
          break;
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until each partition's store holds its changelog up to the given end offset.
   *
   * @param ends end offsets to reach
   * @param byTp the followed partitions
   * @param timeout longest wait
   * @return true if all got there
   */
  boolean awaitCaughtUp(Map<TopicPartition, Long> ends, Map<TopicPartition, StatePartition> byTp,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        boolean all = true;
        for (var e : ends.entrySet()) {
          // the consumer's position, not the store's last offset: a transaction marker may end
          // the log, and no record ever has its offset
          if (byTp.containsKey(e.getKey()) && positions.getOrDefault(e.getKey(), -1L) < e.getValue()) {
            all = false;
            break;
          }
        }
        long left = deadline - System.nanoTime();
        if (all || left <= 0 || closed) {
          return all;
        }
        progressed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    Map<TopicPartition, StatePartition> current = Map.of();
    try {
      source = transport.newRestoreSource(clientId);
      while (!closed) {
        try {
          current = reconcile(current);
          if (current.isEmpty()) {
            idle();
            continue;
          }
          poll(current);
        } catch (org.apache.kafka.common.errors.WakeupException e) {
          // follow() or close() woke us; the loop reconciles
        } catch (RuntimeException e) {
          if (closed) {
            break;
          }
          log.warn("The changelog follower '{}' failed and starts over: {}", clientId, e.toString());
          current = Map.of();
          source.assign(List.of());
          sleep();
        }
      }
    } finally {
      RecordSource s = source;
      if (s != null) {
        try {
          s.close();
        } catch (RuntimeException e) {
          log.debug("Closing the follower consumer failed: {}", e.toString());
        }
      }
      lock.lock();
      try {
        appliedVersion = Long.MAX_VALUE;
        changed.signalAll();
        progressed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private Map<TopicPartition, StatePartition> reconcile(
      Map<TopicPartition, StatePartition> current) {
    Map<TopicPartition, StatePartition> want;
    long v;
    lock.lock();
    try {
      if (version == appliedVersion) {
        return current;
      }
      want = desired;
      v = version;
    } finally {
      lock.unlock();
    }
    RecordSource s = source;
    s.assign(want.keySet());
    List<TopicPartition> added = new ArrayList<>();
    for (TopicPartition tp : want.keySet()) {
      if (!current.containsKey(tp) || current.get(tp) != want.get(tp)) {
        added.add(tp);
      }
    }
    if (!added.isEmpty()) {
      Map<TopicPartition, Long> begin = s.beginningOffsets(added);
      Map<TopicPartition, Long> end = s.endOffsets(added);
      for (TopicPartition tp : added) {
        StatePartition part = want.get(tp);
        long from = part.nextOffset();
        if (from > end.getOrDefault(tp, 0L)) {
          log.warn("The store of {} is ahead of changelog '{}' partition {} (recreated?); "
              + "rebuilding it", part.describe(), tp.topic(), tp.partition());
          part.wipe();
          from = 0;
        }
        s.seek(tp, Math.max(from, begin.getOrDefault(tp, 0L)));
      }
    }
    lock.lock();
    try {
      appliedVersion = v;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return want;
  }

  private void idle() {
    lock.lock();
    try {
      while (!closed && version == appliedVersion) {
        changed.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  private void poll(Map<TopicPartition, StatePartition> current) {
    Map<TopicPartition, List<ChangelogRecord>> batches = new HashMap<>();
    int n = source.poll(POLL, r -> {
      if (KeylessRecords.accept(r)) {
        batches.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>())
            .add(new ChangelogRecord(r.key(), r.value(), r.offset()));
      }
    });
    if (n == 0) {
      updatePositions(current);
      return;
    }
    for (var e : batches.entrySet()) {
      StatePartition part = current.get(e.getKey());
      if (part != null) {
        part.apply(e.getValue());
        progress.followed(part.table(), e.getValue().size());
      }
    }
    updatePositions(current);
  }

  private void updatePositions(Map<TopicPartition, StatePartition> current) {
    for (TopicPartition tp : current.keySet()) {
      positions.put(tp, source.position(tp));
    }
    positions.keySet().retainAll(current.keySet());
    lock.lock();
    try {
      progressed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    Thread t;
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
      t = thread;
    } finally {
      lock.unlock();
    }
    RecordSource s = source;
    if (s != null) {
      s.wakeup();
    }
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
