package dev.mephisto.codec.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.Codecs;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AvroCodecProviderTest {
  record Greeting(String text) {}

  @Test
  void serviceLoaderFindsTheAvroProvider() {
    List<String> names = ServiceLoader.load(CodecProvider.class).stream()
        .map(p -> p.get().name()).toList();
    assertTrue(names.contains("avro"), names.toString());
  }

  @Test
  void codecsResolveAvroWithTheAppsConfiguration() {
    Codecs codecs = Codecs.create(List.of(),
        Map.of("schema.registry.url", "mock://" + MockRegistries.freshScope()));
    Codec codec = codecs.resolve("avro");
    assertEquals(new Greeting("hi"), codec.decode(codec.encode(new Greeting("hi")), Greeting.class));
  }

  @Test
  void missingRegistryUrlSaysWhichSettingToAdd() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new AvroCodecProvider().create(Map.of()));
    assertTrue(e.getMessage().contains("'schema.registry.url'"), e.getMessage());
    assertTrue(e.getMessage().contains("mock://"), e.getMessage());
  }

  @Test
  void rejectsUrlWithoutHttpScheme() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new AvroCodecProvider().create(Map.of("schema.registry.url", "localhost:8081")));
    assertTrue(e.getMessage().contains("'localhost:8081'"), e.getMessage());
  }

  @Test
  void rejectsMockMixedWithHttp() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new AvroCodecProvider().create(Map.of("schema.registry.url", "mock://a,http://b:1")));
    assertTrue(e.getMessage().contains("must stand alone"), e.getMessage());
  }

  @Test
  void rejectsUnknownSubjectStrategyListingTheKnownOnes() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new AvroCodecProvider().create(Map.of("schema.registry.url", "mock://x",
            "value.subject.name.strategy", "ByTheMoon")));
    assertTrue(e.getMessage().contains("'ByTheMoon'"), e.getMessage());
    assertTrue(e.getMessage().contains("[TopicName, RecordName, TopicRecordName]"), e.getMessage());
  }

  @Test
  void rejectsNonBooleanFlag() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new AvroCodecProvider().create(Map.of("schema.registry.url", "mock://x",
            "auto.register.schemas", "yes")));
    assertTrue(e.getMessage().contains("'auto.register.schemas' is 'yes'"), e.getMessage());
  }

  @Test
  void rejectsUserInfoWithoutColon() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new AvroCodecProvider().create(Map.of("schema.registry.url", "http://h:1",
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "secret")));
    assertTrue(e.getMessage().contains("'user:password'"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret"), "must not leak the password: " + e.getMessage());
  }
}
