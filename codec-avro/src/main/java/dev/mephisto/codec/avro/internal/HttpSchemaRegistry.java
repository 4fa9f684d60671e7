package dev.mephisto.codec.avro.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mephisto.CodecException;
import dev.mephisto.TransientCodecException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent's Schema Registry REST API over {@link HttpClient}. Tries the URLs in turn when one
 * is unreachable (remembering the one that answered), retries unreachable registries and answers
 * 408, 429 and 5xx with exponential back-off, and fails on other errors with the registry's
 * message.
 */
final class HttpSchemaRegistry implements SchemaRegistry {
  private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT = "application/vnd.schemaregistry.v1+json,"
      + " application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final Map<Key, HttpSchemaRegistry> SHARED = new ConcurrentHashMap<>();

  private final List<Endpoint> endpoints;
  private final AvroConfig.HttpSettings settings;
  private final HttpClient http;
  private final AtomicInteger current = new AtomicInteger();
  /** System.nanoTime() until which requests fail at once; 0 while the registry answers. */
  private final AtomicLong blockedUntil = new AtomicLong();
  private volatile String lastFailure = "";

  private record Endpoint(String base, Optional<String> authorization) {}

  private record Key(List<URI> urls, Optional<String> userInfo, AvroConfig.HttpSettings http) {}

  private HttpSchemaRegistry(Key key) {
    this.settings = key.http();
    List<Endpoint> list = new ArrayList<>();
    for (URI uri : key.urls()) {
      list.add(endpoint(uri, key.userInfo()));
    }
    this.endpoints = List.copyOf(list);
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** One client per distinct URL list, credentials and timeouts, shared by every codec. */
  static HttpSchemaRegistry shared(AvroConfig config) {
    return SHARED.computeIfAbsent(new Key(config.urls(), config.userInfo(), config.http()),
        HttpSchemaRegistry::new);
  }

  private static Endpoint endpoint(URI uri, Optional<String> userInfo) {
    Optional<String> credentials = userInfo;
    URI clean = uri;
    if (uri.getRawUserInfo() != null) {
      // Credentials in the URL must not travel in log lines or the request line.
      if (credentials.isEmpty()) {
        // URI decodes %XX as RFC 3986 says; URLDecoder would also turn '+' into a space
        credentials = Optional.of(uri.getUserInfo());
      }
      try {
        clean = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    String base = clean.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return new Endpoint(base, credentials.map(c -> "Basic "
        + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public int register(String subject, Schema schema) {
    JsonNode answer = send("POST", "/subjects/" + segment(subject) + "/versions", body(schema));
    return intField(answer, "id", "POST /subjects/" + subject + "/versions");
  }

  @Override
  public int lookup(String subject, Schema schema) {
    JsonNode answer = send("POST", "/subjects/" + segment(subject), body(schema));
    return intField(answer, "id", "POST /subjects/" + subject);
  }

  @Override
  public Schema schemaById(int id) {
    String request = "/schemas/ids/" + id;
    return parse(send("GET", request, null), "GET " + request);
  }

  @Override
  public Registered latest(String subject) {
    String request = "/subjects/" + segment(subject) + "/versions/latest";
    JsonNode answer = send("GET", request, null);
    return new Registered(intField(answer, "id", "GET " + request),
        intField(answer, "version", "GET " + request), parse(answer, "GET " + request));
  }

  @Override
  public String describe() {
    return endpoints.stream().map(Endpoint::base).toList().toString();
  }

  private static String body(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private Schema parse(JsonNode answer, String request) {
    JsonNode type = answer.get("schemaType");
    if (type != null && !type.asText().equalsIgnoreCase("AVRO")) {
      throw new CodecException("Schema registry " + describe() + " answered " + request
          + " with a schema of type '" + type.asText() + "' but codec 'avro' reads AVRO schemas"
          + " only; the data was written by another serializer");
    }
    JsonNode text = answer.get("schema");
    if (text == null) {
      throw new CodecException("Schema registry " + describe() + " answered " + request
          + " without a 'schema' field: " + abbreviate(answer.toString()));
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new CodecException("Schema registry " + describe() + " answered " + request
          + " with a schema Avro cannot parse (" + e.getMessage() + "): "
          + abbreviate(text.asText()), e);
    }
  }

  private int intField(JsonNode answer, String field, String request) {
    JsonNode n = answer.get(field);
    if (n == null || !n.canConvertToInt()) {
      throw new CodecException("Schema registry " + describe() + " answered " + request
          + " without a numeric '" + field + "': " + abbreviate(answer.toString()));
    }
    return n.intValue();
  }

  /**
   * Sends one request with fail-over across the URLs and retries with back-off. After a failure
   * that is not the request's fault, every request fails at once for {@code
   * registry.failure.backoff.ms}; then one request (the first to come) tries again.
   */
  private JsonNode send(String method, String path, String body) {
    admit(method, path);
    try {
      JsonNode answer = attempt(method, path, body);
      blockedUntil.set(0);
      return answer;
    } catch (RegistryException e) {
      if (e.isTransient()) {
        failed(e);
      } else {
        blockedUntil.set(0); // an answer: the registry is up
      }
      throw e;
    }
  }

  /** Fails at once while the registry is backing off; lets one request through after that. */
  private void admit(String method, String path) {
    long until = blockedUntil.get();
    if (until == 0) {
      return;
    }
    long now = System.nanoTime();
    long backoff = settings.failureBackoff().toNanos();
    if (now - until < 0 || !blockedUntil.compareAndSet(until, now + backoff)) {
      throw new RegistryException("Schema registry " + describe() + " was not asked " + method
          + " " + path + ": it failed within the last " + settings.failureBackoff().toMillis()
          + " ms (codec setting '" + AvroConfig.FAILURE_BACKOFF + "'), with: " + lastFailure,
          0, 0);
    }
  }

  private void failed(RegistryException e) {
    long backoff = settings.failureBackoff().toNanos();
    if (backoff > 0) {
      lastFailure = e.getMessage();
      long until = System.nanoTime() + backoff;
      blockedUntil.set(until == 0 ? 1 : until);
    }
  }

  private JsonNode attempt(String method, String path, String body) {
    Set<String> failures = new LinkedHashSet<>(); // the same failure on every attempt is listed once
    int n = endpoints.size();
    for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
      if (attempt > 0) {
        backOff(attempt, method, path);
      }
      int start = current.get();
      for (int k = 0; k < n; k++) {
        int index = (start + k) % n;
        Endpoint e = endpoints.get(index);
        HttpResponse<String> response;
        try {
          response = http.send(request(e, method, path, body), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
          failures.add(e.base() + ": " + describe(ex));
          log.debug("Schema registry {} failed {} {}: {}", e.base(), method, path, describe(ex));
          continue;
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new TransientCodecException("Interrupted while asking the schema registry " + e.base()
              + " for " + method + " " + path, ex);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          current.set(index);
          return json(response.body(), e, method, path);
        }
        if (status == 408 || status == 429 || status >= 500) {
          failures.add(e.base() + ": HTTP " + status + " " + message(response.body()));
          continue;
        }
        current.set(index);
        throw answerError(e, method, path, status, response.body());
      }
    }
    throw new RegistryException("Schema registry " + describe() + " could not answer " + method
        + " " + path + " after " + (settings.maxRetries() + 1) + " attempt(s): " + failures
        + "; check that the registry is running and that 'schema.registry.url' is right", 0, 0);
  }

  private HttpRequest request(Endpoint e, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(e.base() + path))
        .timeout(settings.requestTimeout())
        .header("Accept", ACCEPT);
    e.authorization().ifPresent(a -> b.header("Authorization", a));
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return b.build();
  }

  private void backOff(int attempt, String method, String path) {
    long base = settings.retryWait().toMillis();
    long wait = Math.min(settings.retryMaxWait().toMillis(), base << Math.min(attempt - 1, 20));
    if (wait <= 0) {
      return;
    }
    try {
      Thread.sleep(Duration.ofMillis(wait));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new TransientCodecException("Interrupted while waiting to retry " + method + " " + path
          + " on schema registry " + describe(), ex);
    }
  }

  private RegistryException answerError(Endpoint e, String method, String path, int status,
      String body) {
    int code = 0;
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.has("error_code")) {
        code = n.get("error_code").asInt();
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON: the body itself is the message
    }
    return new RegistryException("Schema registry '" + e.base() + "' answered " + method + " "
        + path + " with HTTP " + status + (code == 0 ? "" : " (error code " + code + ")") + ": \""
        + message(body) + "\"", status, code);
  }

  private static String message(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.hasNonNull("message")) {
        return n.get("message").asText();
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON: fall through
    }
    return abbreviate(body == null ? "" : body.strip());
  }

  private JsonNode json(String body, Endpoint e, String method, String path) {
    try {
      return JSON.readTree(body);
    } catch (IOException ex) {
      throw new CodecException("Schema registry '" + e.base() + "' answered " + method + " " + path
          + " with a body that is not JSON: " + abbreviate(body), ex);
    }
  }

  private static String describe(IOException e) {
    String msg = null;
    for (Throwable t = e; t != null && msg == null; t = t.getCause()) {
      msg = t.getMessage();
    }
    if (msg == null && e instanceof ConnectException) {
      msg = "connection refused";
    }
    return e.getClass().getSimpleName() + (msg == null ? "" : " (" + msg + ")");
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }

  /** Percent-encodes a path segment (subjects may hold any character). */
  static String segment(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
