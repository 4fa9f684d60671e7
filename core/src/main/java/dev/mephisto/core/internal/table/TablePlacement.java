package dev.mephisto.core.internal.table;

import dev.mephisto.core.internal.assign.ClusterView;
import dev.mephisto.core.internal.assign.Unit;
import dev.mephisto.core.internal.state.Role;
import dev.mephisto.core.internal.state.StateEnvironment;
import dev.mephisto.core.internal.state.StatePartition;
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
 * state-updater thread ({@link StateUpdater}): newly active partitions restore from their changelog (from the store's
 * persisted offset) before agents get records; standby copies follow in the background and,
 * promoted, restore only their tail; partitions that stay active are not touched (cooperative
 * rebalancing: their agents keep running); partitions that leave close their store, which flushes it, so the same process can
 * open it again later without lock errors.
 */
final class TablePlacement implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TablePlacement.class);
  private static final Duration GLOBAL_CATCH_UP = Duration.ofSeconds(60);

  private final TableRuntime runtime;
  private final StateEnvironment env;
  private final Restorer restorer;
  private final ChangelogFollower follower;

  TablePlacement(TableRuntime runtime, StateEnvironment env, Restorer restorer,
      ChangelogFollower follower) {
    this.runtime = runtime;
    this.env = env;
    this.restorer = restorer;
    this.follower = follower;
  }

  /** Restores global tables fully and follows them from then on (at start). */
  void startGlobals(List<StatePartition> globals) {
    if (globals.isEmpty()) {
      return;
    }
    globals.forEach(tp -> tp.open(env));
    restorer.restore(globals);
    globals.forEach(StatePartition::toGlobal);
    follower.follow(globals);
  }

  /**
   * @return for each unit this worker holds a copy of (active, suspended, standby or warm-up),
   *     the changelog offsets its stores reached, summed over the unit's tables
   */
  Map<Unit, Long> offsets(List<TableCore> cores) {
    Map<Unit, Long> sums = new java.util.TreeMap<>();
    for (TableCore core : cores) {
      if (core.global) {
        continue;
      }
      for (StatePartition tp : core.parts()) {
        Role r = tp.role();
        if (r != Role.ACTIVE && r != Role.SUSPENDED && r != Role.STANDBY) {
          continue;
        }
        try {
          sums.merge(new Unit(core.partitionCount(), tp.partition()), Math.max(0, tp.nextOffset()),
              Long::sum);
        } catch (RuntimeException e) {
          // closed meanwhile: no copy to count
        }
      }
    }
    return sums;
  }

  /** Applies the latest assignment. */
  void reconcile(List<TableCore> cores) {
    ClusterView view = runtime.host().cluster().view();
    boolean all = runtime.settings().inMemory();
    Set<Unit> active = view.activeUnits();
    Map<Unit, Integer> standby = view.standbyRanks();
    Set<Unit> warmups = view.warmupUnits(); // copies to build before this worker takes over
    List<StatePartition> restore = new ArrayList<>();
    List<StatePartition> newStandby = new ArrayList<>();
    List<StatePartition> close = new ArrayList<>();
    List<StatePartition> follow = new ArrayList<>();
    List<StatePartition> globals = new ArrayList<>();
    int kept = 0;
    for (TableCore core : cores) {
      for (StatePartition tp : core.parts()) {
        if (core.global) {
          globals.add(tp);
          continue;
        }
        Unit u = new Unit(core.partitionCount(), tp.partition());
        Role cur = tp.role();
        if (all || active.contains(u)) {
          if (cur != Role.ACTIVE) {
            restore.add(tp);
            kept += cur == Role.SUSPENDED ? 1 : 0;
          }
        } else if (standby.getOrDefault(u, Integer.MAX_VALUE) < core.standbyReplicas
            || warmups.contains(u)) {
          follow.add(tp);
          if (cur != Role.STANDBY) {
            newStandby.add(tp);
          }
        } else if (cur != Role.NONE) {
          close.add(tp);
        }
      }
    }
    for (StatePartition tp : newStandby) {
      tp.open(env);
      tp.toStandby(); // a partition that was active writes what its cache holds first
    }
    follow.addAll(globals);
    follower.follow(follow); // from here the follower leaves promoted and closing partitions alone
    for (StatePartition tp : close) {
      if (tp.role() == Role.SUSPENDED) {
        try {
          tp.checkpoint(); // writes made since the last commit (timers) count too
        } catch (RuntimeException e) {
          log.warn("Could not checkpoint {} before closing it: {}", tp.describe(), e.getMessage());
        }
      }
      tp.close(); // writes what its cache holds, then closes the store
    }
    restore.forEach(tp -> tp.open(env));
    restorer.restore(restore);
    // a rebalance during the restore may have taken a unit away again: only what this worker
    // still holds becomes active; the rest is closed (the next task gives it its new role)
    Set<Unit> still = runtime.host().cluster().view().activeUnits();
    for (TableCore core : cores) {
      for (StatePartition tp : core.parts()) {
        if (restore.contains(tp)) {
          if (all || still.contains(new Unit(core.partitionCount(), tp.partition()))) {
            tp.activate();
          } else {
            tp.close();
          }
        }
      }
    }
    catchUp(globals);
    if (restore.size() > kept || !newStandby.isEmpty() || !close.isEmpty()) {
      log.info("Table partitions of '{}': active {} ({} kept), standby from now {}, closed {}",
          runtime.appId(), names(restore), kept, names(newStandby), names(close));
    }
  }

  private static List<String> names(List<StatePartition> l) {
    return l.stream().map(tp -> tp.table() + "/" + tp.partition()).toList();
  }

  /** Agents must see everything a global table held when their partitions were assigned. */
  private void catchUp(List<StatePartition> globals) {
    if (globals.isEmpty()) {
      return;
    }
    Map<TopicPartition, StatePartition> byTp = new LinkedHashMap<>();
    globals.forEach(tp -> byTp.put(tp.changelog(), tp));
    Map<TopicPartition, Long> ends = restorer.endOffsets(byTp.keySet());
    if (!follower.awaitCaughtUp(ends, byTp, GLOBAL_CATCH_UP)) {
      log.warn("Global tables of '{}' did not catch up with their changelogs within {} s; agents "
          + "resume with what they have", runtime.appId(), GLOBAL_CATCH_UP.toSeconds());
    }
  }

  @Override
  public void close() {
    follower.close();
    restorer.close();
  }
}
