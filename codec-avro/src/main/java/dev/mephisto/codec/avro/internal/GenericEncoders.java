package dev.mephisto.codec.avro.internal;

import dev.mephisto.CodecException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Encoders for values that carry their schema: GenericRecord and SpecificRecord. */
final class GenericEncoders {
  private GenericEncoders() {}

  static TypeEncoder generic(Schema schema, GenericData model) {
    GenericDatumWriter<Object> datum = new GenericDatumWriter<>(schema, model);
    ValueWriter w = (v, out) -> datum.write(v, out);
    return new TypeEncoder(schema.getFullName(), schema, w, latest -> convert(schema, latest, model));
  }

  /**
   * For use.latest.version: values of {@code own} are re-read as {@code latest} (Avro's schema
   * resolution) and written with it; only used when the two differ.
   */
  private static ValueWriter convert(Schema own, Schema latest, GenericData model) {
    List<String> problems = Incompatibilities.of(latest, own);
    if (!problems.isEmpty()) {
      throw new CodecException("the latest schema cannot hold values of " + Incompatibilities.describe(own)
          + ": " + String.join("; ", problems));
    }
    GenericDatumWriter<Object> ownWriter = new GenericDatumWriter<>(own, model);
    // re-read as plain generic data: the latest schema comes from the registry, so neither its
    // record names nor its java-class properties may pick a class (see DepthCountingReaders)
    GenericData plain = DepthCountingReaders.generic();
    GenericDatumReader<Object> resolver = new GenericDatumReader<>(own, latest, plain);
    GenericDatumWriter<Object> latestWriter = new GenericDatumWriter<>(latest, plain);
    return (v, out) -> {
      ByteArrayOutputStream tmp = new ByteArrayOutputStream();
      BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(tmp, null);
      ownWriter.write(v, enc);
      enc.flush();
      Object converted = resolver.read(null, DecoderFactory.get().binaryDecoder(tmp.toByteArray(), null));
      latestWriter.write(converted, out);
    };
  }
}
