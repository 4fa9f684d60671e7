// Mephisto dashboard: polls /api/cluster every second and draws what every worker reports.
// Plain JavaScript, no build step; charts by uPlot. Text from the server is set with
// textContent only, never parsed as HTML.
(function () {
  "use strict";
  var POLL_MS = 1000;
  var KEEP = 120; // points per series: two minutes at one poll a second
  var last = {}; // "worker|topic|partition" -> {t, position}
  var history = { t: [], throughput: {}, lag: {} }; // series name -> array aligned with t
  var charts = {};
  var tablesSeen = "";

  function $(id) { return document.getElementById(id); }

  function cell(row, text, cls) {
    var td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "–" : String(text);
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }

  function fill(tableId, rows, build) {
    var body = $(tableId).querySelector("tbody");
    var fresh = document.createElement("tbody");
    rows.forEach(function (r) {
      var tr = document.createElement("tr");
      build(tr, r);
      fresh.appendChild(tr);
    });
    body.parentNode.replaceChild(fresh, body);
  }

  function fmt(n, digits) {
    if (n === null || n === undefined || isNaN(n)) { return "–"; }
    return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function push(series, name, value, length) {
    var s = series[name];
    if (!s) {
      s = series[name] = [];
      for (var i = 0; i < length - 1; i++) { s.push(null); }
    }
    s.push(value);
  }

  function trim() {
    while (history.t.length > KEEP) {
      history.t.shift();
      [history.throughput, history.lag].forEach(function (series) {
        Object.keys(series).forEach(function (k) { series[k].shift(); });
      });
    }
  }

  function draw(id, series) {
    var names = Object.keys(series).sort();
    var key = names.join(",");
    var el = $(id);
    var data = [history.t].concat(names.map(function (n) { return series[n]; }));
    if (!window.uPlot) { el.textContent = "charts unavailable"; return; }
    if (!charts[id] || charts[id].key !== key) {
      if (charts[id]) { charts[id].plot.destroy(); }
      var palette = ["#7a1fa2", "#1565c0", "#2e7d32", "#ef6c00", "#c62828", "#00838f", "#6d4c41", "#5e35b1"];
      var opts = {
        width: Math.max(300, el.clientWidth - 2), height: 220,
        series: [{}].concat(names.map(function (n, i) {
          return { label: n, stroke: palette[i % palette.length], width: 1.5, spanGaps: true };
        })),
        axes: [{
          space: 90,
          incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600],
          values: function (u, vals) {
            return vals.map(function (v) { return new Date(v * 1000).toLocaleTimeString("en-GB"); });
          }
        }, { size: 60 }],
        legend: { live: false }
      };
      el.textContent = "";
      charts[id] = { key: key, plot: new uPlot(opts, data, el) };
    } else {
      charts[id].plot.setData(data);
    }
  }

  function render(cluster) {
    var now = Date.now() / 1000;
    $("app-name").textContent = cluster.app;
    $("generation").textContent = cluster.generation;
    $("worker-count").textContent = cluster.workers.length;
    var partitions = [], agents = [], dead = {}, tables = [], restores = [];
    var totalRate = 0, totalLag = 0;
    history.t.push(now);
    var len = history.t.length;
    var workerRows = cluster.workers.map(function (w) {
      var rate = 0, lag = 0;
      (w.partitions || []).forEach(function (p) {
        var id = w.address + "|" + p.topic + "|" + p.partition;
        var prev = last[id];
        var r = null;
        if (prev && p.position >= 0 && prev.position >= 0 && now > prev.t) {
          r = Math.max(0, (p.position - prev.position) / (now - prev.t));
        }
        last[id] = { t: now, position: p.position };
        rate += r || 0;
        lag += Math.max(0, p.lag);
        var name = p.topic + "/" + p.partition;
        push(history.throughput, name, r, len);
        push(history.lag, name, p.lag >= 0 ? p.lag : null, len);
        partitions.push({ p: p, worker: w.address, rate: r });
      });
      (w.agents || []).forEach(function (a) { agents.push({ a: a, worker: w.address }); });
      Object.keys(w.deadLetters || {}).forEach(function (topic) {
        Object.keys(w.deadLetters[topic]).forEach(function (reason) {
          var k = topic + "|" + reason;
          dead[k] = (dead[k] || 0) + w.deadLetters[topic][reason];
        });
      });
      (w.tables || []).forEach(function (t) { tables.push({ t: t, worker: w.address }); });
      (w.restores || []).forEach(function (r) { restores.push({ r: r, worker: w.address }); });
      totalRate += rate;
      totalLag += lag;
      var standby = 0;
      (w.tables || []).forEach(function (t) { standby += (t.standby || []).length; });
      return { w: w, rate: rate, lag: lag, active: (w.partitions || []).length, standby: standby };
    });
    // series of partitions no worker reported this time get a gap
    [history.throughput, history.lag].forEach(function (series) {
      Object.keys(series).forEach(function (k) { if (series[k].length < len) { series[k].push(null); } });
    });
    trim();
    $("throughput-total").textContent = fmt(totalRate);
    $("lag-total").textContent = fmt(totalLag);

    fill("workers", workerRows, function (tr, x) {
      tr.setAttribute("data-address", x.w.address);
      cell(tr, x.w.address + (x.w.address === cluster.self ? " (this page)" : ""));
      cell(tr, x.w.state, x.w.state === "RUNNING" ? "ok" : "bad");
      cell(tr, x.w.ready === undefined ? "–" : x.w.ready ? "yes" : "no");
      cell(tr, x.w.leader ? "leader" : "");
      cell(tr, x.active, "num active-count");
      cell(tr, x.standby, "num standby-count");
      cell(tr, fmt(x.lag), "num");
      cell(tr, fmt(x.rate), "num worker-rate");
    });
    partitions.sort(function (a, b) {
      return a.p.topic < b.p.topic ? -1 : a.p.topic > b.p.topic ? 1 : a.p.partition - b.p.partition;
    });
    fill("partitions", partitions, function (tr, x) {
      cell(tr, x.p.topic);
      cell(tr, x.p.partition, "num");
      cell(tr, x.worker);
      cell(tr, fmt(x.p.position), "num");
      cell(tr, x.p.lag >= 0 ? fmt(x.p.lag) : "–", "num");
      cell(tr, fmt(x.rate), "num");
      cell(tr, x.p.stalled ? "stalled: " + x.p.stalled : x.p.paused ? "paused (backpressure)" : "ok",
        x.p.stalled ? "bad" : "ok");
    });
    fill("agents", agents, function (tr, x) {
      cell(tr, x.a.name);
      cell(tr, x.worker);
      cell(tr, fmt(x.a.recordsIn), "num");
      cell(tr, fmt(x.a.meanMillis, 3), "num");
      cell(tr, fmt(x.a.maxMillis, 3), "num");
      cell(tr, fmt(x.a.endToEndMeanMillis, 1), "num");
    });
    fill("dead-letters", Object.keys(dead).sort(), function (tr, k) {
      var parts = k.split("|");
      cell(tr, parts[0]);
      cell(tr, parts[1]);
      cell(tr, fmt(dead[k]), "num bad");
    });
    fill("tables", tables, function (tr, x) {
      cell(tr, x.t.name);
      cell(tr, x.t.kind);
      cell(tr, x.worker);
      cell(tr, (x.t.active || []).join(", "));
      cell(tr, (x.t.standby || []).join(", "));
      cell(tr, fmt(x.t.entries), "num");
    });
    fill("restores", restores, function (tr, x) {
      cell(tr, x.r.table);
      cell(tr, x.r.partition, "num");
      cell(tr, x.worker);
      var td = cell(tr, "");
      var bar = document.createElement("span");
      bar.className = "bar";
      var fillEl = document.createElement("i");
      var frac = x.r.done || x.r.total <= 0 ? 1 : Math.min(1, x.r.restored / x.r.total);
      fillEl.style.width = Math.round(frac * 100) + "%";
      bar.appendChild(fillEl);
      td.appendChild(bar);
      td.appendChild(document.createTextNode(" " + fmt(x.r.restored) + " / " + fmt(x.r.total)));
      cell(tr, fmt(x.r.rate), "num");
      cell(tr, x.r.done ? "done" : x.r.etaSeconds === null ? "–" : fmt(x.r.etaSeconds, 1) + " s");
    });
    var names = {};
    tables.forEach(function (x) { if (x.t.kind === "table" || x.t.kind === "global") { names[x.t.name] = true; } });
    var list = Object.keys(names).sort();
    if (list.join(",") !== tablesSeen) {
      tablesSeen = list.join(",");
      var sel = $("lookup-table");
      sel.textContent = "";
      list.forEach(function (n) {
        var o = document.createElement("option");
        o.value = n;
        o.textContent = n;
        sel.appendChild(o);
      });
    }
    draw("chart-throughput", history.throughput);
    draw("chart-lag", history.lag);
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  }

  function poll() {
    fetch("/api/cluster", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(render)
      .catch(function (e) { $("updated").textContent = "cannot reach the worker: " + e; })
      .finally(function () { setTimeout(poll, POLL_MS); });
  }

  $("lookup").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var table = $("lookup-table").value;
    var key = $("lookup-key").value;
    var out = $("lookup-result");
    out.className = "";
    out.textContent = "asking…";
    fetch("/tables/" + encodeURIComponent(table) + "/" + encodeURIComponent(key), { cache: "no-store" })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, j: j }; }); })
      .then(function (x) {
        out.textContent = "";
        var served = x.j.servedBy ? x.j.servedBy.address : "–";
        var lines = [
          ["status", x.status + (x.j.found ? " found" : x.j.found === false ? " not found" : "")],
          ["value", x.j.error ? x.j.error : JSON.stringify(x.j.value)],
          ["partition", x.j.partition],
          ["served by", served],
          ["forwarded by", x.j.forwardedBy || "– (answered directly)"]
        ];
        lines.forEach(function (l) {
          var div = document.createElement("div");
          var b = document.createElement("b");
          b.textContent = l[0] + ": ";
          var span = document.createElement("span");
          span.id = "lookup-" + l[0].replace(/ /g, "-");
          span.textContent = l[1] === null || l[1] === undefined ? "–" : String(l[1]);
          div.appendChild(b);
          div.appendChild(span);
          out.appendChild(div);
        });
      })
      .catch(function (e) { out.className = "bad"; out.textContent = "lookup failed: " + e; });
  });

  poll();
})();
