package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.TransientCodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, registry side: against a real HTTP server on loopback that counts its calls, an
 * outage costs one request per back-off period, unknown ids one request per id, and credentials
 * never reach a message.
 */
class RegistryResilienceTest {
  record Ping(String id) {}

  private static final String PING_SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":"
      + "\\\"Ping\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

  private final ScriptedRegistry registry = new ScriptedRegistry();
  private final AtomicInteger calls = registry.calls;
  private volatile int status = 503;

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

  /** Without retries: each request the codec makes is one the server counts. */
  private static Codec codec(String url, String... settings) {
    String[] all = java.util.Arrays.copyOf(settings, settings.length + 2);
    all[settings.length] = "max.retries";
    all[settings.length + 1] = "0";
    return ScriptedRegistry.codec(url, all);
  }

  private static byte[] message(int id) {
    return new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id,
        2, 'a'};
  }

  @Test
  void anOutageCostsOneRequestPerBackoffPeriodNotOnePerMessage() throws IOException {
    String url = serve(ex -> {
      if (status == 200) {
        answer(ex, 200, PING_SCHEMA);
      } else {
        answer(ex, status, "{\"error_code\": 50301, \"message\": \"down\"}");
      }
    });
    Codec codec = codec(url, "registry.failure.backoff.ms", "300");
    for (int i = 0; i < 50; i++) {
      TransientCodecException e = assertThrows(TransientCodecException.class,
          () -> codec.decode(message(7), Ping.class));
      if (i > 0) {
        assertTrue(e.getMessage().contains("was not asked GET /schemas/ids/7: it failed within the"
            + " last 300 ms (codec setting 'registry.failure.backoff.ms')"), e.getMessage());
      }
    }
    assertEquals(1, calls.get(), "50 messages during the back-off period cost one request");
    // after the period one request tries again, and when the registry is back, messages decode
    Await.atMost(Duration.ofSeconds(30)).until("a second request after the back-off period",
        () -> {
          assertThrows(TransientCodecException.class, () -> codec.decode(message(7), Ping.class));
          return calls.get() >= 2;
        });
    assertEquals(2, calls.get());
    status = 200;
    Ping back = Await.atMost(Duration.ofSeconds(30)).ignoringExceptions()
        .until("the registry answers again", () -> codec.decode(message(7), Ping.class), p -> true);
    assertEquals(new Ping("a"), back);
  }

  @Test
  void unreachableRegistryIsTransientToo() {
    Codec codec = codec("http://127.0.0.1:1", "registry.failure.backoff.ms", "60000");
    assertThrows(TransientCodecException.class, () -> codec.decode(message(3), Ping.class));
    assertThrows(TransientCodecException.class, () -> codec.decode(message(3), Ping.class));
  }

  @Test
  void unknownIdsArePoisonAndEachIsAskedForOnce() throws IOException {
    String url = serve(ex -> answer(ex, 404, "{\"error_code\": 40403, \"message\": \"Schema "
        + ex.getRequestURI().getPath().substring("/schemas/ids/".length()) + " not found\"}"));
    Codec codec = codec(url);
    for (int i = 0; i < 400; i++) {
      int id = 1000 + i % 4;
      CodecException e = assertThrows(CodecException.class, () -> codec.decode(message(id), Ping.class));
      assertFalse(e instanceof TransientCodecException, "an unknown id is the payload's fault");
      assertTrue(e.getMessage().contains("HTTP 404 (error code 40403)"), e.getMessage());
    }
    assertEquals(4, calls.get(), "400 messages with 4 unknown ids: one request per id");
  }

  @Test
  void theNegativeCacheIsBoundedAndExpires() throws IOException {
    String url = serve(ex -> answer(ex, 404, "{\"error_code\": 40403, \"message\": \"nope\"}"));
    Codec small = codec(url, "missing.cache.size", "2", "missing.id.cache.ttl.sec", "3600");
    for (int id : new int[] {1, 2, 3, 1}) { // 3 evicts 1, the oldest: 1 is asked again
      assertThrows(CodecException.class, () -> small.decode(message(id), Ping.class));
    }
    assertEquals(4, calls.get());
    assertThrows(CodecException.class, () -> small.decode(message(3), Ping.class));
    assertEquals(4, calls.get(), "3 is still remembered");
    calls.set(0);
    Codec noCache = codec(url, "missing.id.cache.ttl.sec", "0");
    assertThrows(CodecException.class, () -> noCache.decode(message(9), Ping.class));
    assertThrows(CodecException.class, () -> noCache.decode(message(9), Ping.class));
    assertEquals(2, calls.get(), "a time-to-live of 0 remembers nothing");
  }

  @Test
  void credentialsInTheUrlNeverReachAMessage() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> codec("http://bob:s3cr+t%40x@[bad"));
    assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
    assertFalse(e.getMessage().contains("bob"), e.getMessage());
    assertTrue(e.getMessage().contains("'http://***@[bad'"), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("s3cr"), t.toString());
    }
    ConfigurationException scheme = assertThrows(ConfigurationException.class,
        () -> codec("ftp://bob:s3cret@host"));
    assertFalse(scheme.getMessage().contains("s3cret"), scheme.getMessage());
    ConfigurationException mixed = assertThrows(ConfigurationException.class,
        () -> codec("mock://x,http://bob:s3cret@host"));
    assertFalse(mixed.getMessage().contains("s3cret"), mixed.getMessage());
  }

  @Test
  void urlUserInfoIsPercentDecodedKeepingPlus() throws IOException {
    List<String> auth = new CopyOnWriteArrayList<>();
    String url = serve(ex -> {
      auth.add(ex.getRequestHeaders().getFirst("Authorization"));
      answer(ex, 200, PING_SCHEMA);
    });
    Codec codec = codec(url.replace("http://", "http://bob:s3cr+t%40x@"),
        "basic.auth.credentials.source", "URL");
    assertEquals(new Ping("a"), codec.decode(message(5), Ping.class));
    assertEquals("Basic " + Base64.getEncoder().encodeToString(
        "bob:s3cr+t@x".getBytes(StandardCharsets.UTF_8)), auth.get(0));
    assertFalse(codec.toString().contains("s3cr"), codec.toString());
  }

  @Test
  void wrongCredentialsAreTransientAndNameNoPassword() throws IOException {
    String url = serve(ex -> answer(ex, 401, "{\"error_code\": 401, \"message\": \"Unauthorized\"}"));
    Codec codec = codec(url.replace("http://", "http://bob:hunter2@"),
        "basic.auth.credentials.source", "URL", "registry.failure.backoff.ms", "60000");
    TransientCodecException e = assertThrows(TransientCodecException.class,
        () -> codec.decode(message(5), Ping.class));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertInstanceOf(TransientCodecException.class,
        assertThrows(CodecException.class, () -> codec.decode(message(6), Ping.class)));
    assertEquals(1, calls.get(), "the operator must fix the credentials: not one request per message");
  }
}
