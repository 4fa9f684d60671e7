package dev.mephisto.codec.avro.internal;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.util.Utf8;

/** How payloads of one schema id are read into one target type; built once, then reused. */
abstract class DecodePlan {
  final int id;
  final Schema writer;

  DecodePlan(int id, Schema writer) {
    this.id = id;
    this.writer = writer;
  }

  /**
   * @param in a decoder positioned at the Avro body
   * @return the value
   */
  abstract Object read(Decoder in) throws IOException;

  /** Java records and plain values through planned readers. */
  static final class Planned extends DecodePlan {
    private final ValueReader reader;
    private final Schema readerSchema;
    private final boolean resolving;
    private final Pool<ResolvingDecoder> resolvers = new Pool<>();

    Planned(int id, Schema writer, Schema readerSchema, ValueReader reader) {
      super(id, writer);
      this.reader = reader;
      this.readerSchema = readerSchema;
      this.resolving = !readerSchema.equals(writer);
    }

    @Override
    Object read(Decoder in) throws IOException {
      if (!resolving) {
        return reader.read(in);
      }
      ResolvingDecoder r = resolvers.take();
      if (r == null) {
        r = DecoderFactory.get().resolvingDecoder(writer, readerSchema, in);
      } else {
        r.configure(in);
      }
      Object v = reader.read(r);
      r.drain();
      resolvers.give(r);
      return v;
    }
  }

  /** Specific and generic records through Avro's own datum readers. */
  static final class Datum extends DecodePlan {
    private final DatumReader<?> reader;
    private final boolean plainValues;

    /**
     * @param plainValues turn top-level {@code Utf8} into {@code String} and bytes into {@code
     *     byte[]}, as Confluent's deserializer does for primitive schemas
     */
    Datum(int id, Schema writer, DatumReader<?> reader, boolean plainValues) {
      super(id, writer);
      this.reader = reader;
      this.plainValues = plainValues;
    }

    @Override
    Object read(Decoder in) throws IOException {
      Object v = reader.read(null, in);
      if (plainValues) {
        if (v instanceof Utf8 u) {
          return u.toString();
        }
        if (v instanceof java.nio.ByteBuffer b) {
          byte[] out = new byte[b.remaining()];
          b.get(out);
          return out;
        }
      }
      return v;
    }
  }

  /** Schemas that cannot be read into the type: fails fast with the same explanation. */
  static final class Failing extends DecodePlan {
    private final String message;

    Failing(int id, Schema writer, String message) {
      super(id, writer);
      this.message = message;
    }

    @Override
    Object read(Decoder in) {
      throw new dev.mephisto.CodecException(message);
    }
  }
}
