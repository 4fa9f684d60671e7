package dev.mephisto.codec.avro.internal;

import java.io.IOException;
import org.apache.avro.io.Encoder;

/** Writes one Java value of a planned type to an encoder; built once per (type, schema). */
@FunctionalInterface
interface ValueWriter {
  void write(Object value, Encoder out) throws IOException;
}
