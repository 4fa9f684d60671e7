package dev.mephisto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.TableSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndRedactionTest {
  @ParameterizedTest
  @ValueSource(strings = {".", "..", "", "a/b", "a b", "ä", "topic:1"})
  void namesKafkaRefusesAreIllegal(String name) {
    assertTrue(Names.topicProblem(name).isPresent(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "...", "a.b_c-D9", "_"})
  void namesKafkaAcceptsAreLegal(String name) {
    assertEquals(Optional.empty(), Names.topicProblem(name));
  }

  @Test
  void topicNamesAreAtMost249Characters() {
    assertEquals(Optional.empty(), Names.topicProblem("t".repeat(249)));
    String m = assertThrows(ConfigurationException.class,
        () -> Names.checkTopic("Topic name", "t".repeat(250), "choose another name")).getMessage();
    assertTrue(m.contains("it has 250 characters, more than Kafka's 249; expected"), m);
    assertTrue(m.endsWith("; choose another name"), m);
  }

  @Test
  void tableNamesFollowTopicRulesBecauseTheyNameChangelogs() {
    for (String bad : new String[] {".", "..", "a/b"}) {
      String m = assertThrows(ConfigurationException.class,
          () -> TableSpec.of(bad, String.class, Long.class)).getMessage();
      assertTrue(m.startsWith("Table name '" + bad + "' is not a legal Kafka topic name"), m);
    }
    assertEquals("order_count.v2", TableSpec.of("order_count.v2", String.class, Long.class).name());
  }

  @Test
  void userInfoOfEveryUrlIsRedacted() {
    assertEquals("https://***@registry:8081/apis",
        Redaction.redactUrls("https://ann:p%40ss+w@registry:8081/apis"));
    assertEquals("Cannot reach 'http://***@a:1' nor 'kafka://***@b:2'",
        Redaction.redactUrls("Cannot reach 'http://u:p@a:1' nor 'kafka://x@y@b:2'"));
    assertEquals("mail ann@example.com at http://host/x",
        Redaction.redactUrls("mail ann@example.com at http://host/x"));
    assertEquals("no urls", Redaction.redactUrls("no urls"));
  }
}
