package dev.mephisto.core.internal.web;

import com.sun.net.httpserver.HttpExchange;
import dev.mephisto.RestoreProgress;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.assign.ClusterView;
import dev.mephisto.core.internal.assign.WorkerEndpoint;
import dev.mephisto.core.internal.metrics.WorkerMonitor;
import dev.mephisto.core.internal.table.TableQueries;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dashboard's data: {@code /api/status} (this worker: state, partitions with position and
 * lag, tables, restores, dead letters, agents) and {@code /api/cluster} (every worker's status,
 * gathered by the worker that was asked).
 */
final class StatusPages {
  private static final java.util.concurrent.Executor VIRTUAL =
      r -> Thread.ofVirtual().name("web-ask").start(r);
  private final MephistoApp app;
  private final Peers peers;
  private final Supplier<String> self;

  StatusPages(MephistoApp app, Peers peers, Supplier<String> self) {
    this.app = app;
    this.peers = peers;
    this.self = self;
  }

  void handle(HttpExchange ex) throws Exception {
    Http.requireGet(ex);
    switch (ex.getRequestURI().getPath()) {
      case "/api/status" -> Http.json(ex, 200, status());
      case "/api/cluster" -> Http.json(ex, 200, cluster());
      default -> throw new Http.Status(404, "No page at '" + ex.getRequestURI().getPath()
          + "'; try /api/status or /api/cluster");
    }
  }

  /** @return this worker's status */
  Map<String, Object> status() {
    WorkerMonitor monitor = app.services().monitor();
    ClusterView view = app.services().cluster().view();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("app", app.id());
    m.put("address", self.get());
    m.put("memberId", view.memberId());
    m.put("generation", view.generation());
    m.put("leader", app.conductor().map(c -> c.isLeader()).orElse(false));
    m.put("state", monitor.lifecycle().state().name());
    m.put("ready", monitor.ready().ok());
    m.put("healthy", monitor.health().ok());
    m.put("time", System.currentTimeMillis());
    m.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
    List<Object> parts = new ArrayList<>();
    for (WorkerMonitor.PartitionState s : monitor.partitionStates()) {
      parts.add(s.describe());
    }
    m.put("partitions", parts);
    List<Object> tables = new ArrayList<>();
    app.tableRuntime().ifPresent(rt -> {
      TableQueries q = rt.queries();
      Map<String, Map<String, Map<Integer, Long>>> entries = q.entries();
      for (TableQueries.Declared d : q.declared()) {
        Map<String, Map<Integer, Long>> held = entries.getOrDefault(d.name(), Map.of());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", d.name());
        t.put("kind", d.kind());
        t.put("partitions", d.partitions());
        t.put("active", List.copyOf(held.getOrDefault("active", Map.of()).keySet()));
        t.put("standby", List.copyOf(held.getOrDefault("standby", Map.of()).keySet()));
        t.put("entries", held.getOrDefault("active", Map.of()).values().stream()
            .mapToLong(Long::longValue).sum());
        tables.add(t);
      }
    });
    m.put("tables", tables);
    List<Object> restores = new ArrayList<>();
    for (RestoreProgress p : monitor.lifecycle().restores().values()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("table", p.table());
      r.put("partition", p.partition());
      r.put("restored", p.recordsRestored());
      r.put("total", p.recordsTotal());
      r.put("rate", p.recordsPerSecond());
      r.put("etaSeconds", p.eta().map(d -> d.toMillis() / 1000.0).orElse(null));
      r.put("done", p.done());
      restores.add(r);
    }
    m.put("restores", restores);
    m.put("deadLetters", monitor.metrics().deadLettered());
    m.put("agents", HealthPages.describeAgents(app));
    m.put("commits", monitor.metrics().commits().count());
    m.put("rebalances", monitor.metrics().rebalances());
    return m;
  }

  private static boolean isJson(String body) {
    try {
      return Json.parse(body) instanceof Map<?, ?>;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** @return every worker's status: this one's, and the others' asked in parallel */
  Map<String, Object> cluster() {
    ClusterView view = app.services().cluster().view();
    List<WorkerEndpoint> others = new ArrayList<>();
    for (WorkerEndpoint w : view.workers()) {
      if (!w.memberId().equals(view.memberId())) {
        others.add(w);
      }
    }
    List<Object> workers = new ArrayList<>();
    workers.add(status());
    List<java.util.concurrent.CompletableFuture<Peers.Answer>> asks = new ArrayList<>();
    for (WorkerEndpoint w : others) {
      asks.add(java.util.concurrent.CompletableFuture.supplyAsync(
          () -> peers.get(w, "/api/status", self.get()), VIRTUAL));
    }
    for (int i = 0; i < others.size(); i++) {
      Peers.Answer a = asks.get(i).join();
      if (a.status() == 200 && isJson(a.body())) {
        workers.add(new Json.Raw(a.body()));
      } else {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("address", others.get(i).address());
        w.put("memberId", others.get(i).memberId());
        w.put("state", "UNREACHABLE");
        w.put("error", a.status() == 0 ? a.body() : "status " + a.status());
        workers.add(w);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("app", app.id());
    m.put("self", self.get());
    m.put("generation", view.generation());
    m.put("workers", workers);
    return m;
  }
}
