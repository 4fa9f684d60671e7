package dev.mephisto.core.internal.web;

import com.sun.net.httpserver.HttpExchange;
import dev.mephisto.codec.Codecs;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.assign.WorkerEndpoint;
import dev.mephisto.core.internal.table.TableQueries;
import dev.mephisto.core.internal.table.TableRuntime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code /tables}: the declared tables with what this worker holds; {@code /tables/<name>/<key>}
 * answered by the worker holding the key's partition (forwarded there with the assignment's
 * partition-to-worker map); {@code /tables/<name>?prefix=|from=&to=&limit=} gathered from every
 * worker.
 */
final class TablePages {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  private final MephistoApp app;
  private final Peers peers;
  private final Supplier<String> self;
  private final Codecs codecs;

  TablePages(MephistoApp app, Peers peers, Supplier<String> self) {
    this.app = app;
    this.peers = peers;
    this.self = self;
    this.codecs = app.services().codecs();
  }

  private TableRuntime runtime() {
    return app.tableRuntime().orElseThrow(() -> new Http.Status(404, "This runtime has no tables"));
  }

  void handle(HttpExchange ex) throws Exception {
    Http.requireGet(ex);
    String raw = ex.getRequestURI().getRawPath();
    String rest = raw.length() <= "/tables".length() ? "" : raw.substring("/tables/".length());
    if (!raw.equals("/tables") && !raw.startsWith("/tables/")) {
      throw new Http.Status(404, "No page at '" + raw + "'");
    }
    TableQueries q = runtime().queries();
    if (rest.isEmpty()) {
      List<Object> all = new ArrayList<>();
      for (TableQueries.Declared d : q.declared()) {
        all.add(describe(q, d));
      }
      Http.json(ex, 200, Map.of("tables", all, "servedBy", servedBy()));
      return;
    }
    int slash = rest.indexOf('/');
    String name = Http.decode(slash < 0 ? rest : rest.substring(0, slash));
    TableQueries.Declared d = q.declared(name).orElseThrow(() -> new Http.Status(404, "No table '"
        + name + "'; tables: " + q.declared().stream().map(TableQueries.Declared::name).toList()));
    Map<String, List<String>> query = Http.query(ex.getRequestURI().getRawQuery());
    String forwardedBy = ex.getRequestHeaders().getFirst(Peers.FORWARDED);
    if (slash >= 0) {
      String keyText = Http.decode(rest.substring(slash + 1));
      lookup(ex, q, d, keyText, forwardedBy);
    } else if (query.isEmpty()) {
      Http.json(ex, 200, describe(q, d));
    } else {
      scan(ex, q, d, query, forwardedBy != null || "true".equals(Http.first(query, "local")));
    }
  }

  private Map<String, Object> describe(TableQueries q, TableQueries.Declared d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("kind", d.kind());
    m.put("keyType", d.keyType().getName());
    m.put("valueType", d.valueType().getName());
    m.put("partitions", d.partitions());
    m.put("standbyReplicas", d.standbyReplicas());
    m.put("store", d.store());
    m.put("changelog", d.changelog());
    Map<String, Map<Integer, Long>> held = q.entries().getOrDefault(d.name(), Map.of());
    Map<Integer, Long> active = held.getOrDefault("active", Map.of());
    Map<Integer, Long> standby = held.getOrDefault("standby", Map.of());
    m.put("active", List.copyOf(active.keySet()));
    m.put("standby", List.copyOf(standby.keySet()));
    m.put("entriesActive", active.values().stream().mapToLong(Long::longValue).sum());
    m.put("entriesStandby", standby.values().stream().mapToLong(Long::longValue).sum());
    return m;
  }

  Map<String, Object> servedBy() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", self.get());
    m.put("memberId", app.services().cluster().view().memberId());
    return m;
  }

  private Object parseKey(TableQueries.Declared d, String text) {
    try {
      return KeyParser.parse(text, d.keyType(), codecs, d.name());
    } catch (IllegalArgumentException e) {
      throw new Http.Status(400, e.getMessage());
    }
  }

  /** @return the value as JSON: through the {@code json} codec when there is one */
  Object render(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (codecs.known().contains("json")) {
      try {
        return new Json.Raw(new String(codecs.resolve("json").encode(value), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        return value.toString();
      }
    }
    return value.toString();
  }

  /** The key's bytes in the key codec of every declared topic of the table's key type. */
  private List<byte[]> topicEncodings(TableQueries.Declared d, Object key) {
    List<byte[]> l = new ArrayList<>();
    for (var t : app.topics().values()) {
      if (t.keyType() == d.keyType() && t instanceof dev.mephisto.core.internal.TopicImpl<?, ?> ti) {
        try {
          l.add(ti.binding().encodeKey(key));
        } catch (RuntimeException e) {
          // that topic's key codec cannot write this key: it does not feed the table
        }
      }
    }
    return l;
  }

  private Map<String, Object> answer(TableQueries.Declared d, Object key, TableQueries.Lookup l,
      String forwardedBy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", d.name());
    m.put("key", render(key));
    m.put("partition", l.partition());
    m.put("found", l.value().isPresent());
    m.put("value", l.value().map(this::render).orElse(null));
    m.put("servedBy", servedBy());
    m.put("forwardedBy", forwardedBy);
    return m;
  }

  /**
   * Answers from the partitions held here that may hold the key; asks the holders of the others
   * (unless the request was forwarded already: then only this worker's copy counts).
   */
  private void lookup(HttpExchange ex, TableQueries q, TableQueries.Declared d, String keyText,
      String forwardedBy) throws Exception {
    Object key = parseKey(d, keyText);
    List<Integer> candidates;
    try {
      candidates = q.candidatePartitions(d.name(), key, topicEncodings(d, key));
    } catch (IllegalArgumentException e) {
      throw new Http.Status(400, e.getMessage());
    }
    TableQueries.Lookup firstHeld = null;
    List<Integer> elsewhere = new ArrayList<>();
    for (int p : candidates) {
      TableQueries.Lookup l;
      try {
        l = q.get(d.name(), key, p);
      } catch (IllegalArgumentException e) {
        throw new Http.Status(400, e.getMessage());
      }
      if (l.value().isPresent()) {
        Http.json(ex, 200, answer(d, key, l, forwardedBy));
        return;
      }
      if (l.held()) {
        firstHeld = firstHeld == null ? l : firstHeld;
      } else {
        elsewhere.add(p);
      }
    }
    String me = app.services().cluster().view().memberId();
    Peers.Answer notFound = null;
    WorkerEndpoint asked = null;
    if (forwardedBy == null) {
      java.util.Set<String> done = new java.util.HashSet<>();
      for (int p : elsewhere) {
        Optional<WorkerEndpoint> owner = app.services().cluster().owner(q.partitions(d.name()), p);
        if (owner.isEmpty() || owner.get().memberId().equals(me)
            || !done.add(owner.get().memberId())) {
          continue;
        }
        Peers.Answer a = peers.get(owner.get(), ex.getRequestURI().getRawPath(), self.get());
        if (a.status() == 200) {
          ex.getResponseHeaders().set("X-Mephisto-Routed-Via", self.get());
          Http.send(ex, 200, Http.JSON, a.body().getBytes(StandardCharsets.UTF_8));
          return;
        }
        if (notFound == null || a.status() == 404) {
          notFound = a;
          asked = owner.get();
        }
      }
    }
    int primary = candidates.get(0);
    if (firstHeld != null && (notFound == null || firstHeld.partition() == primary)) {
      Http.json(ex, 404, answer(d, key, firstHeld, forwardedBy));
    } else if (notFound != null && notFound.status() != 0) {
      ex.getResponseHeaders().set("X-Mephisto-Routed-Via", self.get());
      Http.send(ex, notFound.status(), Http.JSON, notFound.body().getBytes(StandardCharsets.UTF_8));
    } else {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("error", "Partition " + primary + " of table '" + d.name() + "' is not held here"
          + (notFound != null ? " and its holder " + asked.address() + " did not answer: "
              + notFound.body() : forwardedBy != null ? " (a forwarded request is not forwarded "
              + "again)" : " and no worker holds it right now (the group is rebalancing)")
          + "; try again shortly");
      m.put("partition", primary);
      m.put("servedBy", servedBy());
      Http.json(ex, notFound != null ? 502 : 503, m);
    }
  }

  private void scan(HttpExchange ex, TableQueries q, TableQueries.Declared d,
      Map<String, List<String>> query, boolean localOnly) throws Exception {
    int limit = DEFAULT_LIMIT;
    String l = Http.first(query, "limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new Http.Status(400, "Parameter 'limit' was '" + l + "' but it should be a whole "
            + "number from 1 to " + MAX_LIMIT);
      }
    }
    Predicate<Object> filter = filter(d, query);
    List<Map<String, Object>> entries = new ArrayList<>();
    List<Object> workers = new ArrayList<>();
    try {
      for (TableQueries.Entry e : q.scan(d.name(), filter, limit)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", render(e.key()));
        m.put("value", render(e.value()));
        m.put("partition", e.partition());
        m.put("servedBy", self.get());
        entries.add(m);
      }
    } catch (IllegalArgumentException e) {
      throw new Http.Status(400, e.getMessage());
    }
    workers.add(Map.of("address", self.get(), "entries", entries.size()));
    if (!localOnly) {
      String path = ex.getRequestURI().getRawPath() + "?" + ex.getRequestURI().getRawQuery()
          + "&local=true";
      String me = app.services().cluster().view().memberId();
      for (WorkerEndpoint w : app.services().cluster().workers()) {
        if (w.memberId().equals(me)) {
          continue;
        }
        Peers.Answer a = peers.get(w, path, self.get());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("address", w.address());
        if (a.status() != 200) {
          info.put("error", a.status() == 0 ? a.body() : "status " + a.status() + ": " + a.body());
        } else {
          List<?> got = (List<?>) ((Map<?, ?>) Json.parse(a.body())).get("entries");
          info.put("entries", got.size());
          for (Object o : got) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) o;
            entries.add(e);
          }
        }
        workers.add(info);
      }
      entries.sort((x, y) -> compareKeys(sortKey(d, x.get("key")), sortKey(d, y.get("key"))));
    }
    boolean truncated = entries.size() > limit;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", d.name());
    m.put("entries", truncated ? entries.subList(0, limit) : entries);
    m.put("truncated", truncated);
    m.put("workers", workers);
    m.put("servedBy", servedBy());
    Http.json(ex, 200, m);
  }

  private Predicate<Object> filter(TableQueries.Declared d, Map<String, List<String>> query) {
    String prefix = Http.first(query, "prefix");
    String from = Http.first(query, "from");
    String to = Http.first(query, "to");
    if (prefix != null && (from != null || to != null)) {
      throw new Http.Status(400, "Give either 'prefix' or 'from'/'to', not both");
    }
    if (prefix != null) {
      return k -> String.valueOf(k).startsWith(prefix);
    }
    if (from == null && to == null) {
      return k -> true;
    }
    if (!Comparable.class.isAssignableFrom(boxed(d.keyType()))) {
      throw new Http.Status(400, "Keys of table '" + d.name() + "' (" + d.keyType().getSimpleName()
          + ") have no order; use 'prefix'");
    }
    @SuppressWarnings("unchecked")
    Comparable<Object> lo = from == null ? null : (Comparable<Object>) parseKey(d, from);
    @SuppressWarnings("unchecked")
    Comparable<Object> hi = to == null ? null : (Comparable<Object>) parseKey(d, to);
    return k -> (lo == null || lo.compareTo(k) <= 0) && (hi == null || hi.compareTo(k) > 0);
  }

  private static Class<?> boxed(Class<?> c) {
    return c.isPrimitive() ? java.lang.invoke.MethodType.methodType(c).wrap().returnType() : c;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Comparable a, Comparable b) {
    if (a.getClass() != b.getClass()) {
      return a.toString().compareTo(b.toString());
    }
    return a.compareTo(b);
  }

  /** Orders merged entries by the decoded key when it has an order, else by its text. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Comparable sortKey(TableQueries.Declared d, Object jsonKey) {
    String text = jsonKey instanceof Json.Raw r ? r.json() : String.valueOf(jsonKey);
    if (Comparable.class.isAssignableFrom(boxed(d.keyType())) && !(jsonKey instanceof Json.Raw)) {
      try {
        return (Comparable) KeyParser.parse(text, d.keyType(), codecs, d.name());
      } catch (IllegalArgumentException e) {
        return text;
      }
    }
    return text;
  }
}
