package dev.mephisto.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.ConfigurationException;
import dev.mephisto.Topic;
import dev.mephisto.codec.Codecs;
import dev.mephisto.testkit.TestApps;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A codec registered in code belongs to its app: there is no JVM-wide registration. */
class CodecsPerAppTest {
  @RegisterExtension final TestApps apps = new TestApps();

  @Test
  void aCodecRegisteredForOneAppIsNotSeenByAnotherNorByCodecsGet() throws Exception {
    App with = apps.track(App.builder("with-digits").broker("memory://").web("127.0.0.1", 0)
        .environment(Map.of())
        .codec(DigitsCodec.PROVIDER).build());
    Topic<String, Integer> numbers = with.topic("numbers", String.class, Integer.class)
        .withValueCodec("digits");
    with.start();
    assertEquals("numbers", numbers.send("k", 42).get().topic());

    ConfigurationException other = assertThrows(ConfigurationException.class,
        () -> apps.track(App.builder("without").broker("memory://").environment(Map.of())
            .valueCodec("digits").build()));
    assertTrue(other.getMessage().contains("Unknown codec 'digits'"), other::getMessage);
    ConfigurationException global = assertThrows(ConfigurationException.class,
        () -> Codecs.get("digits"));
    assertTrue(global.getMessage().contains("register one with App.builder(...).codec(...)"),
        global::getMessage);
  }
}
