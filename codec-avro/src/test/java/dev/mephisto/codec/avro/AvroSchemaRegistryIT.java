package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mephisto.CodecException;
import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import dev.mephisto.testkit.registry.EmbeddedSchemaRegistry;
import dev.mephisto.testkit.registry.EmbeddedSchemaRegistryExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The codec against a real registry (Apicurio, Confluent-compatible API). */
@ExtendWith(EmbeddedSchemaRegistryExtension.class)
class AvroSchemaRegistryIT {
  @Model(namespace = "it.Order")
  record OrderV1(String id, int amount) {}

  @Model(namespace = "it.Order")
  record OrderV2(String id, int amount, Optional<String> note) {}

  @Model(namespace = "it.Order")
  record OrderBroken(String id, String amount) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final EmbeddedSchemaRegistry registry;
  private String topic;

  AvroSchemaRegistryIT(EmbeddedSchemaRegistry registry) {
    this.registry = registry;
  }

  @BeforeEach
  void freshTopic() {
    topic = "orders-" + UUID.randomUUID();
  }

  private Codec codec(String url, String... settings) {
    Map<String, String> config = new HashMap<>();
    config.put("schema.registry.url", url);
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    return new AvroCodecProvider().create(config);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + " -> " + r.body());
    return JSON.readTree(r.body());
  }

  private void setCompatibility(String subject, String level) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/config/" + subject))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  private static int id(byte[] wire) {
    assertEquals(0, wire[0]);
    return ByteBuffer.wrap(wire, 1, 4).getInt();
  }

  private static String deadUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/apis/ccompat/v7";
    }
  }

  @Test
  void registersSchemaAndAnotherCodecReadsItById() throws Exception {
    byte[] wire = codec(registry.url()).encode(new OrderV1("o-1", 5), CodecContext.value(topic));
    JsonNode latest = get("/subjects/" + topic + "-value/versions/latest");
    assertEquals(latest.get("id").asInt(), id(wire));
    Schema stored = new Schema.Parser().parse(get("/schemas/ids/" + id(wire)).get("schema").asText());
    assertEquals("it.Order", stored.getFullName());
    Codec fresh = codec(registry.url()); // empty caches: must fetch the schema by id
    assertEquals(new OrderV1("o-1", 5), fresh.decode(wire, OrderV1.class, CodecContext.value(topic)));
  }

  @Test
  void recordNameStrategyRegistersUnderTheRecordsFullName() throws Exception {
    Codec codec = codec(registry.url(), "value.subject.name.strategy", "RecordNameStrategy");
    byte[] wire = codec.encode(new OrderV1("x", 1), CodecContext.value(topic));
    assertEquals(id(wire), get("/subjects/it.Order/versions/latest").get("id").asInt());
    assertEquals(new OrderV1("x", 1), codec.decode(wire, OrderV1.class));
  }

  @Test
  void topicRecordNameStrategyCombinesTopicAndName() throws Exception {
    Codec codec = codec(registry.url(), "value.subject.name.strategy",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
    byte[] wire = codec.encode(new OrderV1("x", 1), CodecContext.value(topic));
    assertEquals(id(wire), get("/subjects/" + topic + "-it.Order/versions/latest").get("id").asInt());
  }

  @Test
  void keysUseTheKeySubject() throws Exception {
    byte[] wire = codec(registry.url()).encode("customer-7", CodecContext.key(topic));
    assertEquals(id(wire), get("/subjects/" + topic + "-key/versions/latest").get("id").asInt());
  }

  @Test
  void useLatestVersionWritesWithTheLatestRegisteredSchema() {
    Codec registering = codec(registry.url());
    registering.encode(new OrderV1("a", 1), CodecContext.value(topic));
    int v2 = id(registering.encode(new OrderV2("a", 1, Optional.of("n")), CodecContext.value(topic)));
    Codec latest = codec(registry.url(), "use.latest.version", "true", "auto.register.schemas", "false");
    byte[] wire = latest.encode(new OrderV1("b", 2), CodecContext.value(topic));
    assertEquals(v2, id(wire));
    assertEquals(new OrderV2("b", 2, Optional.empty()), latest.decode(wire, OrderV2.class));
  }

  @Test
  void autoRegisterOffFindsRegisteredSchemaAndExplainsAMissingOne() {
    Codec lookupOnly = codec(registry.url(), "auto.register.schemas", "false");
    CodecException e = assertThrows(CodecException.class,
        () -> lookupOnly.encode(new OrderV1("a", 1), CodecContext.value(topic)));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("auto.register.schemas=true"), e.getMessage());
    int registered = id(codec(registry.url()).encode(new OrderV1("a", 1), CodecContext.value(topic)));
    assertEquals(registered, id(lookupOnly.encode(new OrderV1("a", 1), CodecContext.value(topic))));
  }

  @Test
  void incompatibleSchemaGets409WithTheRegistrysMessageQuoted() throws Exception {
    Codec codec = codec(registry.url());
    codec.encode(new OrderV1("a", 1), CodecContext.value(topic));
    setCompatibility(topic + "-value", "BACKWARD");
    CodecException e = assertThrows(CodecException.class,
        () -> codec.encode(new OrderBroken("a", "one"), CodecContext.value(topic)));
    String m = e.getMessage();
    assertTrue(m.contains("HTTP 409"), m);
    assertTrue(m.contains("'" + registry.url() + "'"), m);
    assertTrue(m.contains("subject '" + topic + "-value'"), m);
    assertTrue(m.matches("(?s).*HTTP 409[^:]*: \".+\".*"), "registry's message quoted: " + m);
    // a compatible change still registers
    codec.encode(new OrderV2("a", 1, Optional.empty()), CodecContext.value(topic));
  }

  @Test
  void failsOverFromADeadUrlToALiveOne() throws Exception {
    Codec codec = codec(deadUrl() + "," + registry.url(), "max.retries", "0");
    byte[] wire = codec.encode(new OrderV1("f", 3), CodecContext.value(topic));
    assertEquals(new OrderV1("f", 3), codec(deadUrl() + "," + registry.url(), "max.retries", "0")
        .decode(wire, OrderV1.class));
  }

  @Test
  void registryDownGivesClearErrorNamingTheUrlWithoutHanging() throws Exception {
    String dead = deadUrl();
    Codec codec = codec(dead, "max.retries", "2", "retries.wait.ms", "20",
        "http.connect.timeout.ms", "1000", "http.read.timeout.ms", "1000");
    CodecException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
        () -> assertThrows(CodecException.class,
            () -> codec.encode(new OrderV1("d", 1), CodecContext.value(topic))));
    String m = e.getMessage();
    assertTrue(m.contains(dead), m);
    assertTrue(m.contains("after 3 attempt(s)"), m);
    assertTrue(m.contains("ConnectException"), m);
    assertTrue(m.contains("'schema.registry.url'"), m);
  }

  @Test
  void registryDownWhileDecodingNamesTheSchemaId() throws Exception {
    byte[] wire = codec(registry.url()).encode(new OrderV1("d", 1), CodecContext.value(topic));
    Codec offline = codec(deadUrl(), "max.retries", "0");
    CodecException e = assertThrows(CodecException.class, () -> offline.decode(wire, OrderV1.class));
    assertTrue(e.getMessage().contains("schema id " + id(wire)), e.getMessage());
    assertTrue(e.getMessage().contains("could not answer GET /schemas/ids/"), e.getMessage());
  }
}
