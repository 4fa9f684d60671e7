package dev.mephisto.core.internal.cli;

import dev.mephisto.core.internal.MephistoApp;
import dev.mephisto.core.internal.web.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code table get <table> <key>}: asks a running worker's web server, which answers from the
 * worker holding the key (forwarding the request there).
 */
@CommandLine.Command(name = "get", mixinStandardHelpOptions = true,
    description = "Reads one key of a table from a running worker (any worker: it forwards the "
        + "request to the one holding the key). Exit status 0 found, 3 not found, 1 failed.")
final class TableGetCommand implements Callable<Integer> {
  /** Exit status when the key is absent (1 is a failure, 2 wrong arguments). */
  static final int NOT_FOUND = 3;
  private final MephistoApp app;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", description = "Table name.")
  String table;

  @CommandLine.Parameters(index = "1", description = "Key, written as the table's key type "
      + "(text, a number, JSON for records).")
  String key;

  @CommandLine.Option(names = "--url", description = "A worker's web server, e.g. "
      + "http://10.0.0.5:6066 (default: this app's webHost and webPort).")
  String url;

  @CommandLine.Option(names = "--timeout", defaultValue = "10s",
      description = "How long to wait for the answer (default 10s).")
  String timeout;

  TableGetCommand(MephistoApp app) {
    this.app = app;
  }

  private String base() throws IOException {
    if (url != null) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    if (app.settings().webPort() == 0) {
      throw new IllegalArgumentException("Setting 'webPort' is 0 (a free port each start): give "
          + "the worker's address with --url http://host:port");
    }
    String host = app.settings().webAdvertisedHost().isEmpty() ? app.settings().webHost()
        : app.settings().webAdvertisedHost();
    if (InetAddress.getByName(host).isAnyLocalAddress()) {
      host = "127.0.0.1";
    }
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.settings().webPort();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String target = null;
    try {
      Duration d = dev.mephisto.internal.SettingsParser.parseDuration(timeout);
      target = base() + "/tables/" + enc(table) + "/" + enc(key);
      try (HttpClient client = HttpClient.newBuilder().connectTimeout(d).build()) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(target))
            .timeout(d).GET().build(), HttpResponse.BodyHandlers.ofString());
        Object body = Json.parse(r.body());
        if (r.statusCode() == 200 || r.statusCode() == 404) {
          Map<?, ?> m = (Map<?, ?>) body;
          Object served = m.get("servedBy") instanceof Map<?, ?> s ? s.get("address") : null;
          out.println(r.statusCode() == 200 ? Json.write(m.get("value")) : "(not found)");
          out.println("table '" + table + "' partition " + m.get("partition") + ", served by "
              + served + (m.get("forwardedBy") != null ? " (forwarded by " + m.get("forwardedBy")
              + ")" : ""));
          out.flush();
          return r.statusCode() == 200 ? 0 : NOT_FOUND;
        }
        err.println("Worker at " + target + " answered " + r.statusCode() + ": "
            + (body instanceof Map<?, ?> m && m.get("error") != null ? m.get("error") : r.body()));
        err.flush();
        return 1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("Cannot read table '" + table + "' key '" + key + "'"
          + (target != null ? " from " + target : "") + ": " + e.getMessage()
          + "; is a worker running with its web server on?");
      err.flush();
      return 1;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
