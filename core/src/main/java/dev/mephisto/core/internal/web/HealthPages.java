package dev.mephisto.core.internal.web;

import com.sun.net.httpserver.HttpExchange;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.agent.AgentRuntime;
import dev.mephisto.core.internal.metrics.AgentMeters;
import dev.mephisto.core.internal.metrics.WorkerMonitor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code /health}, {@code /ready}, {@code /metrics} and {@code /agents}. */
final class HealthPages {
  private final MephistoApp app;
  private final WorkerMonitor monitor;

  HealthPages(MephistoApp app) {
    this.app = app;
    this.monitor = app.services().monitor();
  }

  private static void exact(HttpExchange ex, String path) {
    Http.requireGet(ex);
    if (!ex.getRequestURI().getPath().equals(path)) {
      throw new Http.Status(404, "No page at '" + ex.getRequestURI().getPath() + "'");
    }
  }

  void health(HttpExchange ex) throws Exception {
    exact(ex, "/health");
    WorkerMonitor.Probe p = monitor.health();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", p.ok() ? "UP" : "DOWN");
    m.put("state", monitor.lifecycle().state().name());
    m.put("reasons", p.reasons());
    List<Map<String, Object>> stalled = new ArrayList<>();
    for (WorkerMonitor.PartitionState s : monitor.partitionStates()) {
      Map<String, Object> d = s.describe();
      if (d.get("stalled") != null) {
        stalled.add(d);
      }
    }
    m.put("stalled", stalled);
    Http.json(ex, p.ok() ? 200 : 503, m);
  }

  void ready(HttpExchange ex) throws Exception {
    exact(ex, "/ready");
    WorkerMonitor.Probe p = monitor.ready();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", p.ok() ? "READY" : "NOT_READY");
    m.put("state", monitor.lifecycle().state().name());
    m.put("reasons", p.reasons());
    Http.json(ex, p.ok() ? 200 : 503, m);
  }

  void metrics(HttpExchange ex) throws Exception {
    exact(ex, "/metrics");
    Http.send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        monitor.metrics().scrape().getBytes(StandardCharsets.UTF_8));
  }

  void agents(HttpExchange ex) throws Exception {
    exact(ex, "/agents");
    Http.json(ex, 200, Map.of("agents", describeAgents(app)));
  }

  /** @return every agent with its topics and figures, for {@code /agents} and the dashboard */
  static List<Map<String, Object>> describeAgents(MephistoApp app) {
    Map<String, AgentMeters> meters = app.services().monitor().metrics().agents();
    List<Map<String, Object>> l = new ArrayList<>();
    for (AgentRuntime<?, ?> a : app.agents()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", a.name());
      m.put("channel", a.readsTopics() ? "topic" : "channel");
      m.put("topics", List.copyOf(a.readsTopics() ? a.topics() : List.of(a.sourceName())));
      m.put("concurrency", a.concurrency());
      AgentMeters am = meters.get(a.name());
      if (am != null) {
        m.put("recordsIn", am.recordsIn());
        m.put("recordsOut", am.recordsOut());
        var t = am.processing().takeSnapshot();
        m.put("processed", t.count());
        m.put("meanMillis", t.count() == 0 ? 0.0 : t.mean(TimeUnit.NANOSECONDS) / 1e6);
        m.put("maxMillis", t.max(TimeUnit.NANOSECONDS) / 1e6);
        var e2e = am.endToEnd().takeSnapshot();
        m.put("endToEndMeanMillis", e2e.count() == 0 ? 0.0 : e2e.mean(TimeUnit.MILLISECONDS));
      } else {
        m.put("recordsIn", 0L);
        m.put("recordsOut", 0L);
      }
      l.add(m);
    }
    return l;
  }
}
