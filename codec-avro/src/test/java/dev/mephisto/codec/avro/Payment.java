package dev.mephisto.codec.avro;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A SpecificRecord written the way avro-tools generates them, for tests. */
@SuppressWarnings("serial") // Externalizable through Avro, as generated classes; never Java-serialized here
public class Payment extends SpecificRecordBase {
  /** The schema, as generated classes carry it. */
  public static final Schema SCHEMA$ = new Schema.Parser().parse("""
      {"type":"record","name":"Payment","namespace":"test.avro","fields":[
        {"name":"id","type":"string"},{"name":"cents","type":"long"}]}""");

  private CharSequence id;
  private long cents;

  /** For Avro's reflection. */
  public Payment() {}

  /** @return the schema */
  public static Schema getClassSchema() {
    return SCHEMA$;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> id;
      case 1 -> cents;
      default -> throw new IndexOutOfBoundsException(field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> id = (CharSequence) value;
      case 1 -> cents = (Long) value;
      default -> throw new IndexOutOfBoundsException(field);
    }
  }
}
