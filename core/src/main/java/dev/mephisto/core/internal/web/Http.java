package dev.mephisto.core.internal.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers over the JDK's HTTP server: answers, query strings, error handling. */
final class Http {
  private static final Logger log = LoggerFactory.getLogger(Http.class);
  static final String JSON = "application/json";

  private Http() {}

  /** A handler that may throw; failures become JSON answers. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange ex) throws Exception;
  }

  /** A request that cannot be answered as asked (400, 404, 405 ...). */
  static final class Status extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Status(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /**
   * @param h a handler
   * @return the handler, answering its failures as JSON {@code {"error": ...}}: {@link Status}
   *     with its code, anything else with 500
   */
  static HttpHandler guarded(Handler h) {
    return ex -> {
      try (ex) {
        try {
          h.handle(ex);
        } catch (Status s) {
          json(ex, s.code, Map.of("error", s.getMessage()));
        } catch (Exception e) {
          log.warn("{} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
          json(ex, 500, Map.of("error", String.valueOf(e.getMessage()),
              "exception", e.getClass().getName()));
        }
      } catch (IOException e) {
        log.debug("Answering {} failed: {}", ex.getRequestURI(), e.toString());
      }
    };
  }

  static void requireGet(HttpExchange ex) {
    String m = ex.getRequestMethod();
    if (!m.equals("GET") && !m.equals("HEAD")) {
      throw new Status(405, "Method '" + m + "' is not allowed here; use GET");
    }
  }

  static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * @param raw a raw query string, may be null
   * @return its decoded parameters
   */
  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = decode(eq < 0 ? part : part.substring(0, eq));
      String v = eq < 0 ? "" : decode(part.substring(eq + 1));
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }

  static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Status(400, "Bad percent-encoding in '" + s + "'");
    }
  }

  static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
