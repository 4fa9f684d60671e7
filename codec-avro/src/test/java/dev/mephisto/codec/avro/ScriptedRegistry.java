package dev.mephisto.codec.avro;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mephisto.codec.Codec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Schema registries scripted per test on the JDK's HTTP server, on loopback: for what a real
 * registry cannot be made to do on demand (fail, refuse, answer garbage), counting every request.
 */
final class ScriptedRegistry implements AutoCloseable {
  /** Answers one request. */
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** Every request, as "METHOD /raw/path". */
  final List<String> requests = new CopyOnWriteArrayList<>();
  /** How many requests arrived. */
  final AtomicInteger calls = new AtomicInteger();
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  /** @return the base URL of a new server answering with {@code handler} */
  String serve(Handler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      calls.incrementAndGet();
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
      handler.handle(exchange);
      exchange.close();
    });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  /** @return an avro codec on {@code url}, retrying after 1 ms, with the settings given */
  static Codec codec(String url, String... settings) {
    Map<String, String> config = new HashMap<>();
    config.put("schema.registry.url", url);
    config.put("retries.wait.ms", "1");
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    return new AvroCodecProvider().create(config);
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
  }
}
