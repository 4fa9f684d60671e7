package dev.mephisto;

/** How often an event's effects may be applied. */
public enum ProcessingGuarantee {
  /** Offsets are committed after processing; a crash may process an event again. */
  AT_LEAST_ONCE,
  /** Kafka transactions: output, table changelogs and offsets commit together. */
  EXACTLY_ONCE
}
