package dev.mephisto.core.internal.table;

import dev.mephisto.ConfigurationException;
import dev.mephisto.TableSpec;
import dev.mephisto.codec.Codec;
import dev.mephisto.core.internal.state.Role;
import dev.mephisto.core.internal.state.StatePartition;
import dev.mephisto.core.internal.state.StateStats;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.Stores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tables an app declared, by name, and what the dashboard and CLI see of them. */
final class TableRegistry {
  private final TableRuntime runtime;
  private final Stores stores;
  private final Map<String, TableCore> tables = new LinkedHashMap<>();

  TableRegistry(TableRuntime runtime, Stores stores) {
    this.runtime = runtime;
    this.stores = stores;
  }

  TableCore declare(TableSpec<?, ?> spec, boolean global) {
    runtime.requireNotStarted("table '" + spec.name() + "'");
    return declareAnyTime(spec, global);
  }

  /** Declares a table, also after start (the state of operators and joins). */
  TableCore declareAnyTime(TableSpec<?, ?> spec, boolean global) {
    TableHost host = runtime.host();
    String url = spec.store().orElse(host.settings().store());
    // an unknown scheme or a wrong option fails at declaration, not at assignment
    stores.provider(url).validate(Stores.parse(url));
    String keySpec = spec.keyCodec().orElse("json");
    String valueSpec = spec.valueCodec()
        .orElseGet(() -> host.valueSpecFor(spec.valueType(), Optional.of("json")));
    Codec keyCodec = host.codecs().resolve(keySpec);
    Codec valueCodec = host.codecs().resolve(valueSpec);
    int standby = spec.standbyReplicas().orElse(host.settings().tableStandbyReplicas());
    TableCore core = new TableCore(runtime, spec.name(), global, url, standby, spec.partitions(),
        spec.keyType(), spec.valueType(), keySpec, keyCodec, valueSpec, valueCodec);
    synchronized (tables) {
      if (tables.containsKey(spec.name())) {
        throw new ConfigurationException("Two tables are named '" + spec.name() + "' in app '"
            + runtime.appId() + "'; give one another name");
      }
      tables.put(spec.name(), core);
    }
    return core;
  }

  List<TableCore> cores() {
    synchronized (tables) {
      return List.copyOf(tables.values());
    }
  }

  Optional<TableCore> get(String name) {
    synchronized (tables) {
      return Optional.ofNullable(tables.get(name));
    }
  }

  List<TableRuntime.TableInfo> describe(boolean started) {
    List<TableRuntime.TableInfo> l = new ArrayList<>();
    for (TableCore core : cores()) {
      List<Integer> act = new ArrayList<>();
      List<Integer> sb = new ArrayList<>();
      for (StatePartition tp : core.parts()) {
        Role r = tp.role();
        if (r == Role.ACTIVE || r == Role.GLOBAL) {
          act.add(tp.partition());
        } else if (r == Role.STANDBY) {
          sb.add(tp.partition());
        }
      }
      String kind = core.global ? "global" : core.kind().name().toLowerCase(java.util.Locale.ROOT);
      l.add(new TableRuntime.TableInfo(core.name, kind.equals("plain") ? "table" : kind,
          started ? core.partitionCount() : 0, core.changelog,
          dev.mephisto.internal.Redaction.redactUrls(core.storeUrl), act, sb));
    }
    return l;
  }

  Map<String, TableRuntime.TableStats> stats() {
    Map<String, TableRuntime.TableStats> m = new LinkedHashMap<>();
    for (TableCore core : cores()) {
      StateStats s = StateStats.EMPTY;
      long memtables = 0;
      long readers = 0;
      long heap = 0;
      long blockCache = 0;
      long pinned = 0;
      for (StatePartition tp : core.parts()) {
        s = s.plus(tp.stats());
        StoreMemory mem = tp.memory();
        memtables += mem.memtableBytes();
        readers += mem.tableReaderBytes();
        heap += mem.heapBytes();
        blockCache = Math.max(blockCache, mem.blockCacheBytes()); // shared: counted once
        pinned = Math.max(pinned, mem.blockCachePinnedBytes());
      }
      m.put(core.name, new TableRuntime.TableStats(s,
          new StoreMemory(memtables, readers, blockCache, pinned, heap)));
    }
    return m;
  }
}
