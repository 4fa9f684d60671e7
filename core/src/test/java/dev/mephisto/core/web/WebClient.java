package dev.mephisto.core.web;

import dev.mephisto.App;
import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** GETs from a worker's web server in tests. */
final class WebClient {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param status HTTP status
   * @param body the body
   */
  record Reply(int status, String body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) Json.parse(body);
    }
  }

  private WebClient() {}

  static String base(App app) {
    return "http://127.0.0.1:" + ((MephistoApp) app).web().port();
  }

  static Reply get(App app, String pathAndQuery) {
    return get(base(app) + pathAndQuery);
  }

  static Reply get(String url) {
    try {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
