package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client against a scripted server (the JDK's), for what a real registry cannot be made
 * to do on demand: fail twice then answer, check credentials, answer with a non-JSON error.
 * The real registry is exercised by {@code AvroSchemaRegistryIT}.
 */
class HttpRegistryClientTest {
  record Ping(String id) {}

  private final ScriptedRegistry registry = new ScriptedRegistry();
  private final List<String> requests = registry.requests;

  @AfterEach
  void stop() {
    registry.close();
  }

  private String serve(ScriptedRegistry.Handler handler) throws IOException {
    return registry.serve(handler);
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    ScriptedRegistry.answer(ex, status, body);
  }

  private static Codec codec(String url, String... settings) {
    return ScriptedRegistry.codec(url, settings);
  }

  @Test
  void retriesServerErrorsWithBackOffThenSucceeds() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    String url = serve(ex -> {
      if (calls.incrementAndGet() <= 2) {
        answer(ex, 503, "{\"error_code\":50301,\"message\":\"busy\"}");
      } else {
        answer(ex, 200, "{\"id\":42}");
      }
    });
    byte[] wire = codec(url, "max.retries", "3").encode(new Ping("a"), CodecContext.value("pings"));
    assertEquals(42, java.nio.ByteBuffer.wrap(wire, 1, 4).getInt());
    assertEquals(List.of("POST /subjects/pings-value/versions", "POST /subjects/pings-value/versions",
        "POST /subjects/pings-value/versions"), requests);
  }

  @Test
  void sendsBasicAuthFromUserInfo() throws IOException {
    List<String> auth = new CopyOnWriteArrayList<>();
    String url = serve(ex -> {
      auth.add(ex.getRequestHeaders().getFirst("Authorization"));
      answer(ex, 200, "{\"id\":1}");
    });
    codec(url, "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "ann:s3cret")
        .encode(new Ping("a"), CodecContext.value("pings"));
    assertEquals(List.of("Basic " + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8))), auth);
  }

  @Test
  void sendsBasicAuthFromUrlWithoutLeakingItIntoMessages() throws IOException {
    List<String> auth = new CopyOnWriteArrayList<>();
    String url = serve(ex -> {
      auth.add(ex.getRequestHeaders().getFirst("Authorization"));
      answer(ex, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
    });
    String withCredentials = url.replace("http://", "http://bob:pw@");
    CodecException e = assertThrows(CodecException.class,
        () -> codec(withCredentials, "basic.auth.credentials.source", "URL")
            .encode(new Ping("a"), CodecContext.value("pings")));
    assertEquals("Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)), auth.get(0));
    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    assertTrue(e.getMessage().contains("\"Unauthorized\""), e.getMessage());
    assertTrue(!e.getMessage().contains("pw@"), e.getMessage());
  }

  @Test
  void clientErrorsFailAtOnceNamingUrlStatusAndMessage() throws IOException {
    String url = serve(ex -> answer(ex, 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}"));
    CodecException e = assertThrows(CodecException.class,
        () -> codec(url).encode(new Ping("a"), CodecContext.value("pings")));
    assertEquals(1, requests.size());
    String m = e.getMessage();
    assertTrue(m.contains("'" + url + "'"), m);
    assertTrue(m.contains("HTTP 422 (error code 42201)"), m);
    assertTrue(m.contains("\"Invalid schema\""), m);
  }

  @Test
  void nonJsonErrorBodyIsQuotedAsIs() throws IOException {
    String url = serve(ex -> answer(ex, 404, "no such thing"));
    CodecException e = assertThrows(CodecException.class,
        () -> codec(url).decode(new byte[] {0, 0, 0, 0, 7, 2}, Ping.class));
    assertTrue(e.getMessage().contains("HTTP 404: \"no such thing\""), e.getMessage());
    assertEquals(List.of("GET /schemas/ids/7"), requests);
  }

  @Test
  void failsOverToTheNextUrlAndRemembersIt() throws IOException {
    String dead = serve(ex -> answer(ex, 503, "down"));
    String live = serve(ex -> {
      if (ex.getRequestURI().getPath().startsWith("/schemas/ids/")) {
        answer(ex, 200, "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Ping\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}");
      } else {
        answer(ex, 200, "{\"id\":5}");
      }
    });
    Codec codec = codec(dead + "," + live, "max.retries", "0");
    byte[] wire = codec.encode(new Ping("a"), CodecContext.value("pings"));
    assertEquals(new Ping("a"), codec(dead + "," + live, "max.retries", "0").decode(wire, Ping.class));
    assertEquals(3, requests.size(), requests.toString());
  }

  @Test
  void registryThatNeverAnswersTimesOutNamingTheUrl() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      // accepts connections (the backlog does) but never answers a request
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      Codec codec = codec(url, "http.read.timeout.ms", "200", "max.retries", "1");
      CodecException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(10),
          () -> assertThrows(CodecException.class, () -> codec.encode(new Ping("a"), CodecContext.value("pings"))));
      assertTrue(e.getMessage().contains(url), e.getMessage());
      assertTrue(e.getMessage().contains("HttpTimeoutException"), e.getMessage());
      assertTrue(e.getMessage().contains("after 2 attempt(s)"), e.getMessage());
    }
  }

  @Test
  void encodesSubjectsAsPathSegments() throws IOException {
    String url = serve(ex -> answer(ex, 200, "{\"id\":1}"));
    codec(url).encode(new Ping("a"), CodecContext.value("my topic/ä"));
    assertEquals(List.of("POST /subjects/my%20topic%2F%C3%A4-value/versions"), requests);
  }
}
