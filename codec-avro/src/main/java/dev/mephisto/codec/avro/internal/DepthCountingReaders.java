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
 *
 * <p>They run on data models whose "fast reader" is off. Avro's {@code FastReaderBuilder} skips
 * the overridable methods (so nothing would be counted) and, worse, honours a {@code java-class}
 * property of the schema it reads with by constructing that class from the string in the
 * payload: for an {@code Object} target that schema is the writer's, which anyone who can register
 * a schema chooses. The classic reader never does: generic data holds only {@code String}, {@code
 * Utf8} and {@code GenericData} values, and specific data reads with the target class's schema.
 */
final class DepthCountingReaders {
  /** Generic data without the fast reader; thread-safe for reading, shared. */
  private static final GenericData GENERIC = new GenericData().setFastReaderEnabled(false);
  private static final ClassValue<SpecificData> SPECIFIC = new ClassValue<>() {
    @Override
    protected SpecificData computeValue(Class<?> type) {
      SpecificData own = SpecificData.getForClass(type);
      SpecificData copy = new SpecificData(type.getClassLoader());
      own.getConversions().forEach(copy::addLogicalTypeConversion); // the class's logical types
      copy.setFastReaderEnabled(false);
      return copy;
    }
  };

  private DepthCountingReaders() {}

  /** @return generic data whose readers never construct a class a schema names */
  static GenericData generic() {
    return GENERIC;
  }

  /**
   * @param type a generated {@code SpecificRecord} class
   * @return its data model (conversions included) with the fast reader off
   */
  static SpecificData specific(Class<?> type) {
    return SPECIFIC.get(type);
  }

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
      return Depth.counted(maxDepth, () -> super.readRecord(old, expected, in));
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
      return Depth.counted(maxDepth, () -> super.readRecord(old, expected, in));
    }
  }
}
