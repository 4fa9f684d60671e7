package dev.mephisto.codec.avro;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A class a hostile writer's schema names (as its record's full name and as a string's {@code
 * java-class}); decoding must never construct it.
 */
public final class AvroCanary {
  /** Every construction, for the test to check that there was none. */
  public static final List<String> BUILT = new CopyOnWriteArrayList<>();

  /** Avro's reflection would call this for a record. */
  public AvroCanary() {
    BUILT.add("AvroCanary()");
  }

  /** Avro's {@code java-class} strings would call this. */
  public AvroCanary(String s) {
    BUILT.add("AvroCanary(" + s + ")");
  }
}
