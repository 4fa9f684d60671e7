package dev.mephisto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.AppSettings;
import dev.mephisto.ConfigurationException;
import dev.mephisto.OnError;
import dev.mephisto.ProcessingGuarantee;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings from defaults, code, a properties file and the environment. */
class SettingsParserTest {
  @TempDir
  Path dir;

  private static AppSettings parse(Map<String, String> code, Path file, Map<String, String> env) {
    return SettingsParser.parse("orders", code, file, env, List.of(), List.of(), List.of());
  }

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("app.properties");
    Files.write(f, List.of(lines));
    return f;
  }

  private static String failure(String setting, String value) {
    return assertThrows(ConfigurationException.class,
        () -> parse(Map.of(setting, value), null, Map.of())).getMessage();
  }

  @Test
  void defaultsAreFaustLike() {
    AppSettings s = parse(Map.of(), null, Map.of());
    assertEquals("orders", s.id());
    assertEquals("kafka://localhost:9092", s.broker());
    assertEquals("localhost:9092", s.bootstrapServers());
    assertEquals("memory://", s.store());
    assertEquals(ProcessingGuarantee.AT_LEAST_ONCE, s.processingGuarantee());
    assertEquals(8, s.topicPartitions());
    assertTrue(s.createTopics());
    assertEquals(Duration.ofMillis(2800), s.commitInterval());
    assertEquals(10_000, s.commitEvery());
    assertEquals("raw", s.keyCodec());
    assertEquals("json", s.valueCodec());
    assertEquals(OnError.DEAD_LETTER, s.onError());
    assertEquals(".dlq", s.deadLetterSuffix());
    assertEquals("127.0.0.1", s.webHost());
    assertEquals(6066, s.webPort());
    assertEquals(Duration.ofSeconds(30), s.shutdownTimeout());
    assertTrue(s.kafka().isEmpty());
  }

  @Test
  void webAndStallSettingsHaveSafeDefaultsAndComeFromTheEnvironment() {
    AppSettings d = parse(Map.of(), null, Map.of());
    assertTrue(d.webEnabled());
    assertEquals("", d.webAdvertisedHost());
    assertEquals(Duration.ofMinutes(1), d.stallTimeout());
    assertEquals(false, d.stallFailsLiveness());
    assertTrue(d.meterRegistry().isEmpty() && d.listeners().isEmpty());
    AppSettings s = parse(Map.of(), null, Map.of("MEPHISTO_WEB_ENABLED", "false",
        "MEPHISTO_WEB_ADVERTISED_HOST", "10.1.2.3", "MEPHISTO_STALL_TIMEOUT", "90s",
        "MEPHISTO_STALL_FAILS_LIVENESS", "true", "MEPHISTO_WEB_PORT", "0"));
    assertEquals(false, s.webEnabled());
    assertEquals("10.1.2.3", s.webAdvertisedHost());
    assertEquals(Duration.ofSeconds(90), s.stallTimeout());
    assertTrue(s.stallFailsLiveness());
    assertEquals(0, s.webPort());
    assertEquals("Setting 'stallTimeout' was '0s' but it should be a positive duration",
        failure("stallTimeout", "0s"));
    assertEquals("Setting 'webEnabled' was 'maybe' but it should be one of [true, false]",
        failure("webEnabled", "maybe"));
  }

  @Test
  void groupInstanceIdComesFromCodeFileOrEnvironmentAndIsChecked() throws IOException {
    assertEquals("", parse(Map.of(), null, Map.of()).groupInstanceId(), "dynamic by default");
    assertEquals("orders-0", parse(Map.of("groupInstanceId", "orders-0"), null, Map.of())
        .groupInstanceId());
    assertEquals("orders-1", parse(Map.of(), file("groupInstanceId=orders-1"), Map.of())
        .groupInstanceId());
    assertEquals("orders-2", parse(Map.of(), null,
        Map.of("MEPHISTO_GROUP_INSTANCE_ID", "orders-2")).groupInstanceId());
    assertEquals("Setting 'groupInstanceId' was 'orders 0' but it should be 1 to 249 letters, "
        + "digits, '.', '_' or '-', unique per worker and stable across its restarts (e.g. the "
        + "pod name 'orders-0')", failure("groupInstanceId", "orders 0"));
  }

  @Test
  void warmUpSettingsHaveKafkaStreamsLikeDefaultsAndAreChecked() {
    AppSettings d = parse(Map.of(), null, Map.of());
    assertEquals(10_000L, d.acceptableRecoveryLag());
    assertEquals(2, d.maxWarmupReplicas());
    assertEquals(Duration.ofMinutes(1), d.probingRebalanceInterval());
    AppSettings s = parse(Map.of(), null, Map.of("MEPHISTO_ACCEPTABLE_RECOVERY_LAG", "500",
        "MEPHISTO_MAX_WARMUP_REPLICAS", "4", "MEPHISTO_PROBING_REBALANCE_INTERVAL", "30s"));
    assertEquals(500L, s.acceptableRecoveryLag());
    assertEquals(4, s.maxWarmupReplicas());
    assertEquals(Duration.ofSeconds(30), s.probingRebalanceInterval());
    assertEquals("Setting 'maxWarmupReplicas' was '0' but it should be >= 1",
        failure("maxWarmupReplicas", "0"));
  }

  @Test
  void environmentVariablesMapToSettingNames() {
    Map<String, String> env = Map.of(
        "MEPHISTO_TOPIC_PARTITIONS", "3",
        "MEPHISTO_KAFKA_SASL_MECHANISM", "PLAIN",
        "MEPHISTO_CODEC_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081",
        "MEPHISTO_PROCESSING_GUARANTEE", "exactly-once",
        "HOME", "/root");
    assertEquals(Map.of("topicPartitions", "3", "kafka.sasl.mechanism", "PLAIN",
        "codec.schema.registry.url", "http://127.0.0.1:8081",
        "processingGuarantee", "exactly-once"), SettingsParser.fromEnvironment(env));
    AppSettings s = parse(Map.of(), null, env);
    assertEquals(3, s.topicPartitions());
    assertEquals(Map.of("sasl.mechanism", "PLAIN"), s.kafka());
    assertEquals(Map.of("schema.registry.url", "http://127.0.0.1:8081"), s.codecConfig());
    assertEquals(ProcessingGuarantee.EXACTLY_ONCE, s.processingGuarantee());
  }

  @Test
  void readsAPropertiesFileNamedInCodeOrByTheEnvironment() throws IOException {
    Path f = file("topicPartitions = 4 ", "kafka.security.protocol=SASL_SSL", "commitInterval=5s");
    AppSettings s = parse(Map.of(), f, Map.of());
    assertEquals(4, s.topicPartitions());
    assertEquals(Map.of("security.protocol", "SASL_SSL"), s.kafka());
    assertEquals(Duration.ofSeconds(5), s.commitInterval());
    assertEquals(4, parse(Map.of(), null, Map.of("MEPHISTO_SETTINGS_FILE", f.toString()))
        .topicPartitions());
  }

  @Test
  void laterSourcesWinDefaultsCodeFileEnvironment() throws IOException {
    Path f = file("topicPartitions=3", "commitEvery=30");
    Map<String, String> code = Map.of("topicPartitions", "2", "commitEvery", "20",
        "streamBufferMaxSize", "10");
    Map<String, String> env = Map.of("MEPHISTO_TOPIC_PARTITIONS", "4");
    AppSettings all = parse(code, f, env);
    assertEquals(4, all.topicPartitions(), "environment beats file");
    assertEquals(30, all.commitEvery(), "file beats code");
    assertEquals(10, all.streamBufferMaxSize(), "code beats defaults");
    assertEquals(4096, parse(Map.of(), null, Map.of()).streamBufferMaxSize(), "defaults");
    assertEquals(3, parse(code, f, Map.of()).topicPartitions());
    assertEquals(2, parse(code, null, Map.of()).topicPartitions());
  }

  @Test
  void tableCacheSizeDefaultsToTenMebibytesAndTakesUnits() {
    assertEquals(10L << 20, parse(Map.of(), null, Map.of()).tableCacheMaxBytes(), "default");
    assertEquals(0, parse(Map.of("tableCacheMaxBytes", "0"), null, Map.of()).tableCacheMaxBytes());
    assertEquals(512L << 10, parse(Map.of(), null, Map.of("MEPHISTO_TABLE_CACHE_MAX_BYTES",
        "512KiB")).tableCacheMaxBytes(), "environment, with a unit");
    assertEquals(3L << 30, parse(Map.of("tableCacheMaxBytes", "3 GiB"), null, Map.of())
        .tableCacheMaxBytes());
    assertEquals(1234, App.builder("c").tableCacheMaxBytes(1234).environment(Map.of()).settings()
        .tableCacheMaxBytes(), "builder");
  }

  @Test
  void appBuilderGoesThroughTheSameRules() {
    AppSettings s = App.builder("orders")
        .broker("kafka://a:9092;b:9092")
        .commitInterval(Duration.ofSeconds(1))
        .environment(Map.of("MEPHISTO_WEB_PORT", "7000"))
        .settings();
    assertEquals("a:9092,b:9092", s.bootstrapServers());
    assertEquals(Duration.ofSeconds(1), s.commitInterval());
    assertEquals(7000, s.webPort());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "broker|http://x:9092|Setting 'broker' was 'http://x:9092' but it should be 'kafka://host:port[;host:port...]' (every server with a host and a port, e.g. 'kafka://localhost:9092') or 'memory://'",
      "broker|kafka://localhost|Setting 'broker' was 'kafka://localhost': server 'localhost' has no valid host and port",
      "broker|kafka://a:9092;:9093|Setting 'broker' was 'kafka://a:9092;:9093': server ':9093' has no valid host and port",
      "broker|kafka://a:99999|Setting 'broker' was 'kafka://a:99999': port '99999' of server 'a:99999' should be between 1 and 65535",
      "broker|kafka://ann:s3cret@host:9092|Setting 'broker' was 'kafka://***@host:9092': server '***@host:9092' has no valid host and port; it should be 'kafka://host:port",
      "deadLetterSuffix|/dlq|Setting 'deadLetterSuffix' was '/dlq' but it should make legal Kafka topic names '<topic>/dlq': character '/' is not a letter, digit, '.', '_' or '-'",
      "commitInterval|PT9999999999H|Setting 'commitInterval' was 'PT9999999999H' but it should be at most 36500 days",
      "allowedReplyTopics|a/b|Setting 'allowedReplyTopics' has the entry 'a/b' but each entry should be a topic name or a prefix ending in '*'",
      "store|/var/lib|Setting 'store' was '/var/lib' but it should be a URL such as 'memory://' or 'rocksdb:///var/lib/app'",
      "consumerAutoOffsetReset|middle|Setting 'consumerAutoOffsetReset' was 'middle' but it should be one of [earliest, latest]",
      "webPort|70000|Setting 'webPort' was '70000' but it should be between 0 and 65535",
      "topicPartitions|0|Setting 'topicPartitions' was '0' but it should be >= 1",
      "topicPartitions|many|Setting 'topicPartitions' was 'many' but it should be a whole number >= 1",
      "tableStandbyReplicas|-1|Setting 'tableStandbyReplicas' was '-1' but it should be >= 0",
      "tableCacheMaxBytes|-1|Setting 'tableCacheMaxBytes' was '-1' but it should be a whole number of bytes >= 0, optionally with a unit such as '10MiB', '512KiB' or '1GiB'; 0 turns the table write cache off",
      "tableCacheMaxBytes|10MB|Setting 'tableCacheMaxBytes' was '10MB' but it should be a whole number of bytes >= 0, optionally with a unit such as '10MiB', '512KiB' or '1GiB'; 0 turns the table write cache off",
      "tableCacheMaxBytes|99999999999GiB|Setting 'tableCacheMaxBytes' was '99999999999GiB' but it should be a whole number of bytes >= 0, optionally with a unit such as '10MiB', '512KiB' or '1GiB'; 0 turns the table write cache off",
      "createTopics|yes|Setting 'createTopics' was 'yes' but it should be one of [true, false]",
      "commitInterval|soon|Setting 'commitInterval' was 'soon' but it should be a duration such as 'PT2.8S', '2800ms', '3s' or '1m'",
      "commitInterval|0s|Setting 'commitInterval' was '0s' but it should be a positive duration",
      "shutdownTimeout|99999999999999999h|Setting 'shutdownTimeout' was '99999999999999999h' but it should be a duration such as 'PT2.8S', '2800ms', '3s' or '1m'",
      "processingGuarantee|twice|Setting 'processingGuarantee' was 'twice' but it should be one of [AT_LEAST_ONCE, EXACTLY_ONCE]",
      "onError|IGNORE|Setting 'onError' was 'IGNORE' but it should be one of [DEAD_LETTER, SKIP, STOP]",
      "keyCodec|\"  \"|Setting 'keyCodec' was '  ' but it should not be empty",
      "colour|red|Unknown setting 'colour' in code; known settings: "})
  void invalidSettingNamesSettingValueAndWhatIsAllowed(String setting, String value,
      String message) {
    String m = failure(setting, value);
    assertTrue(m.startsWith(message), () -> "got: " + m);
  }

  @Test
  void unknownNamesInFileOrEnvironmentAreRejectedNamingTheSource() throws IOException {
    Path f = file("topicPartiton=3");
    String m = assertThrows(ConfigurationException.class, () -> parse(Map.of(), f, Map.of()))
        .getMessage();
    assertTrue(m.startsWith("Unknown setting 'topicPartiton' in file '" + f + "'; known settings: ["),
        m);
    String e = assertThrows(ConfigurationException.class,
        () -> parse(Map.of(), null, Map.of("MEPHISTO_TOPIC_PARTITION", "3"))).getMessage();
    assertTrue(e.startsWith("Unknown environment variable 'MEPHISTO_TOPIC_PARTITION'; known: ["), e);
    String missing = assertThrows(ConfigurationException.class,
        () -> parse(Map.of(), dir.resolve("nope.properties"), Map.of())).getMessage();
    assertTrue(missing.startsWith("Cannot read settings file '"), missing);
  }

  @Test
  void invalidAppIdIsRejected() {
    String m = assertThrows(ConfigurationException.class, () -> SettingsParser.parse("my app",
        Map.of(), null, Map.of(), List.of(), List.of(), List.of())).getMessage();
    assertEquals("App id 'my app' is not valid; expected letters, digits, '.', '_' or '-'", m);
  }

  @Test
  void durationsAcceptIsoAndUnits() {
    assertEquals(Duration.ofMillis(2800), SettingsParser.parseDuration("PT2.8S"));
    assertEquals(Duration.ofMillis(2800), SettingsParser.parseDuration("2800ms"));
    assertEquals(Duration.ofMillis(1500), SettingsParser.parseDuration("1.5s"));
    assertEquals(Duration.ofMinutes(1), SettingsParser.parseDuration("1m"));
    assertEquals(Duration.ofHours(2), SettingsParser.parseDuration("2h"));
    assertThrows(NumberFormatException.class, () -> SettingsParser.parseDuration("3 days"));
  }

  @Test
  void exactlyOnceOnTheMemoryBrokerFailsAtBuild() {
    String m = assertThrows(ConfigurationException.class, () -> parse(
        Map.of("broker", "memory://", "processingGuarantee", "EXACTLY_ONCE"), null, Map.of()))
        .getMessage();
    assertTrue(m.startsWith("Setting 'processingGuarantee' was 'EXACTLY_ONCE' but broker "
        + "'memory://' has no transactions"), m);
  }

  @Test
  void appIdLongerThanItsReplyTopicsAllowIsRejected() {
    String ok = "a".repeat(SettingsParser.MAX_APP_ID_LENGTH);
    assertEquals(ok, SettingsParser.parse(ok, Map.of(), null, Map.of(), List.of(), List.of(),
        List.of()).id());
    String tooLong = ok + "a";
    String m = assertThrows(ConfigurationException.class, () -> SettingsParser.parse(tooLong,
        Map.of(), null, Map.of(), List.of(), List.of(), List.of())).getMessage();
    assertTrue(m.contains("has 207 characters but it should have at most 206"), m);
    assertEquals(Names.MAX_TOPIC_LENGTH, (ok + "-reply-" + java.util.UUID.randomUUID()).length());
  }

  @Test
  void allowedReplyTopicsAreNamesOrPrefixes() {
    AppSettings s = parse(Map.of("allowedReplyTopics", "billing-reply-*, audit-replies ,"),
        null, Map.of());
    assertEquals(List.of("billing-reply-*", "audit-replies"), s.allowedReplyTopics());
    assertEquals(List.of(), parse(Map.of(), null, Map.of()).allowedReplyTopics());
  }

  @Test
  void brokerUrlsWithHostAndPortAreAccepted() {
    assertEquals("a:9092,[::1]:9093,b.example.com:1",
        parse(Map.of("broker", "kafka://a:9092;[::1]:9093,b.example.com:1"), null, Map.of())
            .bootstrapServers());
  }

  @Test
  void settingNamesAreListed() {
    List<String> names = SettingsParser.names();
    assertTrue(names.contains("topicPartitions") && names.contains("webPort"), names::toString);
    assertFalse(names.stream().anyMatch(n -> n.startsWith("kafka.")), names::toString);
  }
}
