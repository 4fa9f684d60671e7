package dev.mephisto.core.internal.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard at {@code /} and its files under {@code /static/}: plain HTML, JavaScript and CSS
 * from this jar, and the uPlot charting library from its WebJar. Only the files named here are
 * served; nothing in a request picks a resource.
 */
final class StaticPages {
  private static final String OWN = "/dev/mephisto/core/internal/web/";
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {OWN + "dashboard.html", "text/html; charset=utf-8"},
      "/static/dashboard.js", new String[] {OWN + "dashboard.js", "text/javascript; charset=utf-8"},
      "/static/dashboard.css", new String[] {OWN + "dashboard.css", "text/css; charset=utf-8"},
      "/static/uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "/static/uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

  private StaticPages() {}

  private static String uplotVersion() {
    try (InputStream in = StaticPages.class.getResourceAsStream(
        "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static void handle(HttpExchange ex) throws Exception {
    Http.requireGet(ex);
    String path = ex.getRequestURI().getPath();
    String[] f = FILES.get(path.equals("/index.html") ? "/" : path);
    if (f == null) {
      throw new Http.Status(404, "No page at '" + path + "'; Mephisto serves /, /health, /ready, "
          + "/metrics, /agents, /tables and /api/status");
    }
    byte[] body;
    try (InputStream in = StaticPages.class.getResourceAsStream(f[0])) {
      if (in == null) {
        throw new Http.Status(500, "Resource '" + f[0] + "' is missing from the class path");
      }
      body = in.readAllBytes();
    }
    Http.send(ex, 200, f[1], body);
  }
}
