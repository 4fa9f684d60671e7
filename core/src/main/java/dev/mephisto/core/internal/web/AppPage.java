package dev.mephisto.core.internal.web;

import com.sun.net.httpserver.HttpExchange;
import dev.mephisto.web.Page;
import dev.mephisto.web.PageRequest;
import dev.mephisto.web.PageResponse;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs an application {@link Page}: request in, response out, nothing of com.sun in sight. */
final class AppPage implements Http.Handler {
  /** Bodies of application requests are read up to this size. */
  static final int MAX_BODY = 1 << 20;

  private final String path;
  private final Page page;

  AppPage(String path, Page page) {
    this.path = path;
    this.page = page;
  }

  @Override
  public void handle(HttpExchange ex) throws Exception {
    String p = ex.getRequestURI().getPath();
    if (!p.equals(path) && !p.startsWith(path + "/")) {
      throw new Http.Status(404, "No page at '" + p + "'");
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw new Http.Status(413, "Request body over " + MAX_BODY + " bytes");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    PageRequest req = new PageRequest(ex.getRequestMethod(), p,
        Http.query(ex.getRequestURI().getRawQuery()), headers, body);
    PageResponse resp = page.handle(req);
    if (resp == null) {
      throw new IllegalStateException("page '" + path + "' answered null");
    }
    resp.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    Http.send(ex, resp.status(), resp.contentType(), resp.body());
  }
}
