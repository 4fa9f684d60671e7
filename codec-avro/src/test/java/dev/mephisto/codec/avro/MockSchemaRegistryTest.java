package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Model;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import dev.mephisto.codec.avro.internal.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {
  @Model(namespace = "shop.Order")
  record OrderV1(String id, int amount) {}

  @Model(namespace = "shop.Order")
  record OrderV2(String id, int amount, Optional<String> note) {}

  @Model(namespace = "shop.Order")
  record OrderBroken(String id, String amount) {}

  @Model(namespace = "shop.Refund")
  record Refund(String id) {}

  private static int id(byte[] wire) {
    return ByteBuffer.wrap(wire, 1, 4).getInt();
  }

  @Test
  void codecsWithTheSameScopeShareOneRegistry() {
    String scope = MockRegistries.freshScope();
    Codec writer = MockRegistries.codec(scope);
    Codec reader = MockRegistries.codec(scope);
    byte[] wire = writer.encode(new OrderV1("o", 1), CodecContext.value("orders"));
    assertEquals(new OrderV1("o", 1), reader.decode(wire, OrderV1.class, CodecContext.value("orders")));
  }

  @Test
  void scopesAreIsolated() {
    byte[] wire = MockRegistries.codec(MockRegistries.freshScope()).encode(new OrderV1("o", 1));
    Codec other = MockRegistries.codec(MockRegistries.freshScope());
    CodecException e = assertThrows(CodecException.class, () -> other.decode(wire, OrderV1.class));
    assertTrue(e.getMessage().contains("schema id 1"), e.getMessage());
  }

  @Test
  void sameSchemaUnderTwoSubjectsKeepsOneIdAndNewSchemasGetTheNext() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    assertEquals(1, id(codec.encode(new OrderV1("a", 1), CodecContext.value("orders"))));
    assertEquals(1, id(codec.encode(new OrderV1("a", 1), CodecContext.value("archive"))));
    assertEquals(2, id(codec.encode(new Refund("r"), CodecContext.value("refunds"))));
    assertEquals(3, id(codec.encode(new OrderV2("a", 1, Optional.empty()), CodecContext.value("orders"))));
  }

  @Test
  void backwardIncompatibleRegistrationFailsLikeA409QuotingTheRegistry() {
    String scope = MockRegistries.freshScope();
    Codec codec = MockRegistries.codec(scope);
    codec.encode(new OrderV1("a", 1), CodecContext.value("orders"));
    CodecException e = assertThrows(CodecException.class,
        () -> codec.encode(new OrderBroken("a", "one"), CodecContext.value("orders")));
    String m = e.getMessage();
    assertTrue(m.contains("subject 'orders-value'"), m);
    assertTrue(m.contains("HTTP 409"), m);
    assertTrue(m.contains("mock://" + scope), m);
    assertTrue(m.contains("\"Schema being registered is incompatible with an earlier schema"), m);
    assertTrue(m.contains("field 'amount' expected string but the writer wrote int"), m);
  }

  @Test
  void compatibleEvolutionRegistersUnderBackward() {
    Codec codec = MockRegistries.codec(MockRegistries.freshScope());
    codec.encode(new OrderV1("a", 1), CodecContext.value("orders"));
    byte[] v2 = codec.encode(new OrderV2("a", 1, Optional.of("n")), CodecContext.value("orders"));
    assertEquals(2, id(v2));
  }

  @Test
  void forwardLevelRejectsWhatOldReadersCannotRead() {
    String scope = MockRegistries.freshScope();
    MockSchemaRegistry.setCompatibility(scope, "FORWARD");
    Codec codec = MockRegistries.codec(scope);
    codec.encode(new OrderV2("a", 1, Optional.empty()), CodecContext.value("orders"));
    // dropping 'note' is fine forward (old readers have a default for it) ...
    codec.encode(new OrderV1("a", 1), CodecContext.value("orders"));
    // ... but changing a type is not
    assertThrows(CodecException.class, () -> codec.encode(new OrderBroken("a", "x"), CodecContext.value("orders")));
  }

  @Test
  void unknownCompatibilityLevelIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> MockSchemaRegistry.setCompatibility(MockRegistries.freshScope(), "SIDEWAYS"));
    assertTrue(e.getMessage().contains("'SIDEWAYS'"), e.getMessage());
    assertTrue(e.getMessage().contains("BACKWARD_TRANSITIVE"), e.getMessage());
  }

  @Test
  void dropScopeForgetsSchemas() {
    String scope = MockRegistries.freshScope();
    byte[] wire = MockRegistries.codec(scope).encode(new OrderV1("a", 1));
    MockSchemaRegistry.dropScope(scope);
    assertThrows(CodecException.class, () -> MockRegistries.codec(scope).decode(wire, OrderV1.class));
  }

  @Test
  void topicNameStrategyUsesTopicKeyAndValueSubjects() {
    String scope = MockRegistries.freshScope();
    Codec codec = MockRegistries.codec(scope);
    codec.encode(new OrderV1("a", 1), CodecContext.value("orders"));
    codec.encode("k", CodecContext.key("orders"));
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.scope(scope);
    assertEquals("shop.Order", registry.latest("orders-value").schema().getFullName());
    assertEquals("string", registry.latest("orders-key").schema().getType().getName());
  }

  @Test
  void recordNameStrategyAcceptsConfluentClassName() {
    String scope = MockRegistries.freshScope();
    Codec codec = MockRegistries.codec(scope, "value.subject.name.strategy",
        "io.confluent.kafka.serializers.subject.RecordNameStrategy");
    codec.encode(new OrderV1("a", 1), CodecContext.value("orders"));
    assertEquals(1, InMemorySchemaRegistry.scope(scope).latest("shop.Order").id());
  }

  @Test
  void topicRecordNameStrategyCombinesBoth() {
    String scope = MockRegistries.freshScope();
    Codec codec = MockRegistries.codec(scope, "value.subject.name.strategy", "TopicRecordName");
    codec.encode(new OrderV1("a", 1), CodecContext.value("orders"));
    assertEquals(1, InMemorySchemaRegistry.scope(scope).latest("orders-shop.Order").id());
  }

  @Test
  void withoutTopicTheSubjectIsTheRecordName() {
    String scope = MockRegistries.freshScope();
    MockRegistries.codec(scope).encode(new Refund("r"));
    assertEquals(1, InMemorySchemaRegistry.scope(scope).latest("shop.Refund").id());
  }

  @Test
  void autoRegisterOffLooksUpAndExplainsMissingSchema() {
    String scope = MockRegistries.freshScope();
    Codec lookupOnly = MockRegistries.codec(scope, "auto.register.schemas", "false");
    CodecException e = assertThrows(CodecException.class,
        () -> lookupOnly.encode(new OrderV1("a", 1), CodecContext.value("orders")));
    assertTrue(e.getMessage().contains("looking up its schema under subject 'orders-value'"), e.getMessage());
    assertTrue(e.getMessage().contains("40401"), e.getMessage());
    assertTrue(e.getMessage().contains("auto.register.schemas=true"), e.getMessage());
    MockRegistries.codec(scope).encode(new OrderV1("a", 1), CodecContext.value("orders"));
    assertEquals(1, id(lookupOnly.encode(new OrderV1("a", 1), CodecContext.value("orders"))));
  }

  @Test
  void useLatestVersionWritesWithTheSubjectsLatestSchema() {
    String scope = MockRegistries.freshScope();
    Codec registering = MockRegistries.codec(scope);
    registering.encode(new OrderV1("a", 1), CodecContext.value("orders"));
    registering.encode(new OrderV2("a", 1, Optional.empty()), CodecContext.value("orders"));
    Codec latest = MockRegistries.codec(scope, "use.latest.version", "true", "auto.register.schemas", "false");
    byte[] wire = latest.encode(new OrderV1("b", 2), CodecContext.value("orders"));
    assertEquals(2, id(wire));
    assertEquals(new OrderV2("b", 2, Optional.empty()), latest.decode(wire, OrderV2.class));
    assertNotEquals(0, wire.length);
  }

  @Test
  void useLatestVersionOnEmptySubjectSaysWhatToDo() {
    Codec latest = MockRegistries.codec(MockRegistries.freshScope(), "use.latest.version", "true");
    CodecException e = assertThrows(CodecException.class,
        () -> latest.encode(new OrderV1("b", 2), CodecContext.value("orders")));
    assertTrue(e.getMessage().contains("latest schema of subject 'orders-value'"), e.getMessage());
    assertTrue(e.getMessage().contains("use.latest.version=false"), e.getMessage());
  }
}
