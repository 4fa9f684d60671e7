package dev.mephisto.codec.avro.internal;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Avro's own datum readers (for {@code GenericRecord}, {@code SpecificRecord} and {@code Object}
 * targets) recurse once per nested record of the writer's schema; these count the records against
 * {@code avro.max.depth}, so a recursive schema cannot overflow the stack.
 */
final class DepthCountingReaders {
  private DepthCountingReaders() {}

  /** Generic records, as the writer wrote them. */
  static final class Generic extends GenericDatumReader<Object> {
    private final int maxDepth;

    Generic(Schema writer, Schema reader, GenericData data, int maxDepth) {
      super(writer, reader, data);
      this.maxDepth = maxDepth;
    }

    @Override
    protected Object readRecord(Object old, Schema expected, ResolvingDecoder in)
        throws IOException {
      int[] level = Depth.enter(maxDepth);
      try {
        return super.readRecord(old, expected, in);
      } finally {
        Depth.exit(level);
      }
    }
  }

  /** Generated classes: the reader's schema is the class's own {@code SCHEMA$}. */
  static final class Specific extends SpecificDatumReader<Object> {
    private final int maxDepth;

    Specific(Schema writer, Schema reader, SpecificData data, int maxDepth) {
      super(writer, reader, data);
      this.maxDepth = maxDepth;
    }

    @Override
    protected Object readRecord(Object old, Schema expected, ResolvingDecoder in)
        throws IOException {
      int[] level = Depth.enter(maxDepth);
      try {
        return super.readRecord(old, expected, in);
      } finally {
        Depth.exit(level);
      }
    }
  }
}
