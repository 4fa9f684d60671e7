package dev.mephisto.bench;

/** How each implementation configures the producer that writes its outputs. */
public enum ProducerProfile {
  /**
   * The throughput bench's settings: raw kafka-clients with Kafka Streams' {@code linger.ms} 100,
   * Kafka Streams and Mephisto at their defaults.
   */
  BENCH("bench"),
  /** The same for all three: {@code linger.ms} {@value #EQUAL_LINGER_MS}, the rest at defaults. */
  EQUAL("equal"),
  /**
   * Each one's own defaults: kafka-clients' (linger 5 ms since Kafka 4.0), Kafka Streams' (linger
   * 100 ms), Mephisto's (kafka-clients' with acks=all and idempotence).
   */
  DEFAULTS("defaults");

  /** The linger of {@link #EQUAL}. */
  public static final int EQUAL_LINGER_MS = 5;

  private final String id;

  ProducerProfile(String id) {
    this.id = id;
  }

  /** @return the name on the command line and in results */
  public String id() {
    return id;
  }
}
