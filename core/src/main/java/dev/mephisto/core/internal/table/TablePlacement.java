package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.assign.ClusterView;
import dev.mephisto.core.internal.assign.Unit;
import dev.mephisto.store.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every table partition of this worker to the role the latest assignment gives it, on the
 * polling thread: newly active partitions restore from their changelog (from the store's
 * persisted offset) before agents get records; standby copies follow in the background and,
 * promoted, restore only their tail; partitions kept across the (eager) rebalance keep their
 * open store; partitions that leave close their store, which flushes it, so the same process can
 * open it again later without lock errors.
 */
final class TablePlacement implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TablePlacement.class);
  private static final Duration GLOBAL_CATCH_UP = Duration.ofSeconds(60);

  private final TableRuntime runtime;
  private final Stores stores;
  private final Restorer restorer;
  private final ChangelogFollower follower;

  TablePlacement(TableRuntime runtime, Stores stores, Restorer restorer, ChangelogFollower follower) {
    this.runtime = runtime;
    this.stores = stores;
    this.restorer = restorer;
    this.follower = follower;
  }

  /** Restores global tables fully and follows them from then on (at start). */
  void startGlobals(List<TablePartition> globals) {
    if (globals.isEmpty()) {
      return;
    }
    globals.forEach(tp -> tp.open(stores, runtime.appId()));
    restorer.restore(globals);
    for (TablePartition tp : globals) {
      tp.role(Role.GLOBAL);
    }
    follower.follow(globals);
  }

  /** Applies the latest assignment. */
  void reconcile(List<TableCore> cores) {
    ClusterView view = runtime.services().cluster().view();
    boolean all = runtime.settings().inMemory();
    Set<Unit> active = view.activeUnits();
    Map<Unit, Integer> standby = view.standbyRanks();
    List<TablePartition> restore = new ArrayList<>();
    List<TablePartition> newStandby = new ArrayList<>();
    List<TablePartition> close = new ArrayList<>();
    List<TablePartition> follow = new ArrayList<>();
    List<TablePartition> globals = new ArrayList<>();
    int kept = 0;
    for (TableCore core : cores) {
      for (TablePartition tp : core.parts()) {
        if (core.global) {
          globals.add(tp);
          continue;
        }
        Unit u = new Unit(core.partitionCount(), tp.partition);
        Role cur = tp.role();
        if (all || active.contains(u)) {
          if (cur != Role.ACTIVE) {
            restore.add(tp);
            kept += cur == Role.SUSPENDED ? 1 : 0;
          }
        } else if (standby.getOrDefault(u, Integer.MAX_VALUE) < core.standbyReplicas) {
          follow.add(tp);
          if (cur != Role.STANDBY) {
            newStandby.add(tp);
          }
        } else if (cur != Role.NONE) {
          close.add(tp);
        }
      }
    }
    for (TablePartition tp : newStandby) {
      tp.open(stores, runtime.appId());
      tp.lock.lock();
      try {
        tp.role(Role.STANDBY);
      } finally {
        tp.lock.unlock();
      }
    }
    follow.addAll(globals);
    follower.follow(follow); // from here the follower leaves promoted and closing partitions alone
    for (TablePartition tp : close) {
      if (tp.role() == Role.SUSPENDED) {
        try {
          tp.checkpoint(); // writes made since the last commit (timers) count too
        } catch (RuntimeException e) {
          log.warn("Could not checkpoint {} before closing it: {}", tp.describe(), e.getMessage());
        }
      }
      tp.close();
    }
    restore.forEach(tp -> tp.open(stores, runtime.appId()));
    restorer.restore(restore);
    for (TablePartition tp : restore) {
      tp.lock.lock();
      try {
        tp.activated();
        tp.role(Role.ACTIVE);
      } finally {
        tp.lock.unlock();
      }
    }
    catchUp(globals);
    if (restore.size() > kept || !newStandby.isEmpty() || !close.isEmpty()) {
      log.info("Table partitions of '{}': active {} ({} kept), standby from now {}, closed {}",
          runtime.appId(), names(restore), kept, names(newStandby), names(close));
    }
  }

  private static List<String> names(List<TablePartition> l) {
    return l.stream().map(tp -> tp.table.name + "/" + tp.partition).toList();
  }

  /** Agents must see everything a global table held when their partitions were assigned. */
  private void catchUp(List<TablePartition> globals) {
    if (globals.isEmpty()) {
      return;
    }
    Map<TopicPartition, TablePartition> byTp = new LinkedHashMap<>();
    globals.forEach(tp -> byTp.put(tp.changelog, tp));
    Map<TopicPartition, Long> ends = restorer.endOffsets(byTp.keySet());
    if (!follower.awaitCaughtUp(ends, byTp, GLOBAL_CATCH_UP)) {
      log.warn("Global tables of '{}' did not catch up with their changelogs within {} s; agents "
          + "resume with what they have", runtime.appId(), GLOBAL_CATCH_UP.toSeconds());
    }
  }

  /** Every active partition waits: an eager rebalance takes all of them away for a moment. */
  static void suspend(List<TableCore> cores) {
    for (TableCore core : cores) {
      for (TablePartition tp : core.parts()) {
        if (tp.role() == Role.ACTIVE) {
          tp.lock.lock();
          try {
            tp.role(Role.SUSPENDED);
          } finally {
            tp.lock.unlock();
          }
        }
      }
    }
  }

  @Override
  public void close() {
    follower.close();
    restorer.close();
  }
}
