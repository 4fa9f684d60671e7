package dev.mephisto.codec.avro.internal;

import java.io.IOException;
import org.apache.avro.io.Decoder;

/** Reads one Java value of a planned type; built once per (type, reader schema). */
@FunctionalInterface
interface ValueReader {
  Object read(Decoder in) throws IOException;
}
