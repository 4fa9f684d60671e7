package dev.mephisto.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test class path's simplelogger.properties sets info by default and error for
 * org.apache.kafka.snapshot.
 */
class QuietBrokerLoggingTest {
  private static final String RAFT = "org.slf4j.simpleLogger.log.org.apache.kafka.raft";
  private static final String CONTROLLER = "org.slf4j.simpleLogger.log.org.apache.kafka.controller";
  private String savedRaft;
  private String savedController;

  @BeforeEach
  void save() {
    savedRaft = System.getProperty(RAFT);
    savedController = System.getProperty(CONTROLLER);
    System.clearProperty(RAFT);
    System.clearProperty(CONTROLLER);
  }

  @AfterEach
  void restore() {
    reset(RAFT, savedRaft);
    reset(CONTROLLER, savedController);
  }

  private static void reset(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void turnsBrokerLoggersDownToWarn() {
    QuietBrokerLogging.apply();
    assertEquals("warn", System.getProperty(RAFT));
  }

  @Test
  void leavesALevelSetInSimpleLoggerPropertiesToTheFile() {
    QuietBrokerLogging.apply();
    assertNull(System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka.snapshot"));
  }

  @Test
  void leavesALevelTheUserSetAlone() {
    System.setProperty(CONTROLLER, "debug");
    QuietBrokerLogging.apply();
    assertEquals("debug", System.getProperty(CONTROLLER));
  }
}
