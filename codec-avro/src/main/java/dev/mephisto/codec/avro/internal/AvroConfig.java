package dev.mephisto.codec.avro.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.internal.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The codec's settings, parsed once from the codec configuration (Confluent's names).
 *
 * @param urls registry base URLs, in fail-over order; a single {@code mock://scope} for tests
 * @param userInfo {@code user:password} for basic auth, if configured with USER_INFO
 * @param autoRegister register unknown schemas
 * @param useLatest write with the subject's latest schema
 * @param latestTtl how long the latest version is trusted; null means forever
 * @param keyStrategy subject naming for keys
 * @param valueStrategy subject naming for values
 * @param http timeouts and retries of the HTTP client
 * @param missing how unknown schema ids are remembered
 * @param limits what one message may cost to decode
 */
public record AvroConfig(
    List<URI> urls,
    Optional<String> userInfo,
    boolean autoRegister,
    boolean useLatest,
    Duration latestTtl,
    SubjectStrategy keyStrategy,
    SubjectStrategy valueStrategy,
    HttpSettings http,
    MissingCache missing,
    AvroLimits limits) {

  /** Setting name of the registry URL(s). */
  public static final String URL = "schema.registry.url";
  /** Setting: milliseconds every request fails at once after a failed one. */
  public static final String FAILURE_BACKOFF = "registry.failure.backoff.ms";
  /** Setting: seconds an unknown schema id is remembered (Confluent's name). */
  public static final String MISSING_TTL = "missing.id.cache.ttl.sec";
  /** Setting: how many unknown ids are remembered (Confluent's name). */
  public static final String MISSING_SIZE = "missing.cache.size";

  /**
   * HTTP client settings; part of the key under which registry clients are shared.
   *
   * @param connectTimeout connect timeout
   * @param requestTimeout time to wait for an answer
   * @param maxRetries retries after the first attempt
   * @param retryWait first back-off, doubled on each retry
   * @param retryMaxWait longest back-off
   * @param failureBackoff after a request failed for a reason that is not an answer (unreachable,
   *     timeout, 408, 429, 5xx, 401, 403), how long every request fails at once instead of asking
   *     again: an outage costs one attempt per period, not one per message
   */
  public record HttpSettings(
      Duration connectTimeout, Duration requestTimeout, int maxRetries, Duration retryWait,
      Duration retryMaxWait, Duration failureBackoff) {}

  /**
   * Unknown schema ids (404) remembered, so that a stream of messages with made-up ids costs one
   * request per id and period, not one per message (Confluent's names).
   *
   * @param ttl how long an id stays unknown before the registry is asked again ({@code
   *     missing.id.cache.ttl.sec})
   * @param size how many unknown ids are remembered ({@code missing.cache.size}); the oldest go
   */
  public record MissingCache(Duration ttl, int size) {}

  /** @return the settings with user info and passwords masked, never the credentials */
  @Override
  public String toString() {
    return "AvroConfig[urls="
        + urls.stream().map(u -> Redaction.redactUrls(u.toString())).toList()
        + ", userInfo=" + userInfo.map(u -> "***").orElse("none") + ", autoRegister="
        + autoRegister + ", useLatest=" + useLatest + ", http=" + http + ", missing=" + missing
        + ", limits=" + limits + "]";
  }

  /**
   * @param config the codec configuration
   * @return the settings
   * @throws ConfigurationException naming the setting, its value and what is allowed
   */
  public static AvroConfig parse(Map<String, ?> config) {
    Object rawUrl = config.get(URL);
    if (rawUrl == null || rawUrl.toString().isBlank()) {
      throw new ConfigurationException("Codec 'avro' needs the setting '" + URL + "' but it is not"
          + " set; expected a registry URL such as 'http://localhost:8081' (several separated by"
          + " commas) or 'mock://<scope>' for an in-process registry; set it with"
          + " App.builder(...).codecConfig(\"" + URL + "\", ...)");
    }
    List<URI> urls = urls(rawUrl.toString());
    String source = string(config, "basic.auth.credentials.source", "").toUpperCase(Locale.ROOT);
    String userInfo = string(config, "basic.auth.user.info", "");
    Optional<String> auth = Optional.empty();
    switch (source) {
      case "", "USER_INFO" -> {
        if (!userInfo.isEmpty()) {
          if (!userInfo.contains(":")) {
            throw new ConfigurationException("Setting 'basic.auth.user.info' is '" + mask(userInfo)
                + "' but it should be 'user:password'");
          }
          auth = Optional.of(userInfo);
        } else if (source.equals("USER_INFO")) {
          throw new ConfigurationException("Setting 'basic.auth.credentials.source' is 'USER_INFO'"
              + " but 'basic.auth.user.info' is not set; set it to 'user:password'");
        }
      }
      case "URL" -> { } // credentials travel in each URL's user info
      default -> throw new ConfigurationException("Setting 'basic.auth.credentials.source' is '"
          + source + "' but it should be one of [USER_INFO, URL]");
    }
    long ttlSeconds = number(config, "latest.cache.ttl.sec", -1);
    HttpSettings http = new HttpSettings(
        Duration.ofMillis(positive(config, "http.connect.timeout.ms", 10_000)),
        Duration.ofMillis(positive(config, "http.read.timeout.ms", 30_000)),
        (int) nonNegative(config, "max.retries", 3),
        Duration.ofMillis(nonNegative(config, "retries.wait.ms", 200)),
        Duration.ofMillis(nonNegative(config, "retries.max.wait.ms", 5_000)),
        Duration.ofMillis(nonNegative(config, FAILURE_BACKOFF, 5_000)));
    MissingCache missing = new MissingCache(
        Duration.ofSeconds(nonNegative(config, MISSING_TTL, 60)),
        (int) Math.min(Integer.MAX_VALUE, positive(config, MISSING_SIZE, 10_000)));
    return new AvroConfig(
        urls,
        auth,
        bool(config, "auto.register.schemas", true),
        bool(config, "use.latest.version", false),
        ttlSeconds < 0 ? null : Duration.ofSeconds(ttlSeconds),
        SubjectStrategy.parse("key.subject.name.strategy",
            string(config, "key.subject.name.strategy", "TopicName")),
        SubjectStrategy.parse("value.subject.name.strategy",
            string(config, "value.subject.name.strategy", "TopicName")),
        http,
        missing,
        AvroLimits.parse(config));
  }

  /** @return true for {@code mock://scope} */
  public boolean isMock() {
    return urls.get(0).getScheme().equals("mock");
  }

  private static List<URI> urls(String value) {
    List<URI> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        // neither the input nor the JDK's message (which quotes it) may carry the credentials
        throw new ConfigurationException("Setting '" + URL + "' holds '" + Redaction.redactUrls(s)
            + "', which is not a URL: " + e.getReason() + " at index " + e.getIndex()
            + "; expected e.g. 'http://localhost:8081'");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean mock = scheme.equals("mock");
      if (!(mock || scheme.equals("http") || scheme.equals("https"))
          || (!mock && (uri.getHost() == null || uri.getHost().isEmpty()))) {
        throw new ConfigurationException("Setting '" + URL + "' holds '" + Redaction.redactUrls(s)
            + "' but expected an http:// or https:// URL with a host, or mock://<scope>");
      }
      out.add(uri);
    }
    if (out.isEmpty()) {
      throw new ConfigurationException("Setting '" + URL + "' is '" + Redaction.redactUrls(value)
          + "' but it should hold at least one URL");
    }
    boolean anyMock = out.stream().anyMatch(u -> u.getScheme().equalsIgnoreCase("mock"));
    if (anyMock && out.size() > 1) {
      throw new ConfigurationException("Setting '" + URL + "' is '" + Redaction.redactUrls(value)
          + "' but a mock:// URL must stand alone; use one 'mock://<scope>' or only http(s) URLs");
    }
    return List.copyOf(out);
  }

  private static String mask(String userInfo) {
    return userInfo.length() <= 2 ? "***" : userInfo.charAt(0) + "***";
  }

  static String string(Map<String, ?> config, String key, String fallback) {
    Object v = config.get(key);
    return v == null ? fallback : v.toString().trim();
  }

  static boolean bool(Map<String, ?> config, String key, boolean fallback) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigurationException("Setting '" + key + "' is '" + v
          + "' but it should be 'true' or 'false'");
    };
  }

  static long number(Map<String, ?> config, String key, long fallback) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Duration d) {
      return key.endsWith(".sec") ? d.toSeconds() : d.toMillis();
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException("Setting '" + key + "' is '" + v + "' but it should be a"
          + " whole number", e);
    }
  }

  private static long positive(Map<String, ?> config, String key, long fallback) {
    long n = number(config, key, fallback);
    if (n <= 0) {
      throw new ConfigurationException("Setting '" + key + "' is '" + n + "' but it should be"
          + " greater than 0");
    }
    return n;
  }

  private static long nonNegative(Map<String, ?> config, String key, long fallback) {
    long n = number(config, key, fallback);
    if (n < 0) {
      throw new ConfigurationException("Setting '" + key + "' is '" + n + "' but it should be 0"
          + " or more");
    }
    return n;
  }
}
