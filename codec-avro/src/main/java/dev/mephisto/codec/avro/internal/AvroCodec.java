package dev.mephisto.codec.avro.internal;

import static dev.mephisto.codec.avro.internal.Incompatibilities.describe;

import dev.mephisto.CodecException;
import dev.mephisto.TransientCodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecContext;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Codec {@code avro}: Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary body) with schemas in a Schema Registry. Thread-safe; after the first value of a type
 * and topic, encoding and decoding touch no lock and no registry.
 */
public final class AvroCodec implements Codec {
  private static final int HEADER = 5;

  private final AvroConfig config;
  private final CachingSchemaRegistry registry;
  private final SchemaDeriver deriver = new SchemaDeriver();
  private final Map<Class<?>, TypeEncoder> byClass = new ConcurrentHashMap<>();
  private final Map<Schema, TypeEncoder> bySchema = new ConcurrentHashMap<>();
  private final Map<Class<?>, TypeDecoder> decoders = new ConcurrentHashMap<>();
  private final Pool<EncodeBuffer> buffers = new Pool<>();
  private final Pool<BoundedDecoder> boundedDecoders = new Pool<>();
  private final AvroLimits limits;

  /** @param config parsed settings */
  public AvroCodec(AvroConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.limits = config.limits();
    SchemaRegistry base = config.isMock()
        ? InMemorySchemaRegistry.scope(mockScope(config))
        : HttpSchemaRegistry.shared(config);
    this.registry = new CachingSchemaRegistry(base, config.latestTtl(), config.missing());
  }

  private static String mockScope(AvroConfig config) {
    String s = config.urls().get(0).toString().substring("mock://".length());
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public byte[] encode(Object value) {
    return encode(value, CodecContext.NONE);
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type) {
    return decode(data, type, CodecContext.NONE);
  }

  @Override
  public byte[] encode(Object value, CodecContext context) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(context, "context");
    TypeEncoder te = encoderFor(value);
    TypeEncoder.Target target = te.target(context, config, registry);
    EncodeBuffer buf = buffers.take();
    if (buf == null) {
      buf = new EncodeBuffer();
    }
    try {
      buf.reset();
      buf.header(target.id());
      target.writer().write(value, buf.encoder);
      byte[] out = buf.toByteArray();
      if (buf.retainable()) {
        buffers.give(buf); // only after success: a failed write may leave bytes behind
      }
      return out;
    } catch (FieldError e) {
      throw new CodecException(encodeFailure(te, target) + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new CodecException(encodeFailure(te, target) + ": " + e, e);
    }
  }

  private static String encodeFailure(TypeEncoder te, TypeEncoder.Target target) {
    return "Cannot encode '" + te.name + "' with 'avro' (subject '" + target.subject()
        + "', schema id " + target.id() + ")";
  }

  private TypeEncoder encoderFor(Object value) {
    Class<?> c = value.getClass();
    TypeEncoder te = byClass.get(c);
    if (te != null) {
      return te;
    }
    if (value instanceof GenericContainer g && !(value instanceof SpecificRecord)) {
      Schema s = g.getSchema();
      te = bySchema.get(s);
      return te != null ? te : bySchema.computeIfAbsent(s, k -> GenericEncoders.generic(k, GenericData.get()));
    }
    if (value instanceof SpecificRecord r) {
      te = GenericEncoders.generic(r.getSchema(), SpecificData.getForClass(c));
    } else {
      Class<?> declared = declaredClass(value);
      Schema schema = deriver.schemaOf(declared);
      ValueWriter w = plan(declared, schema);
      te = new TypeEncoder(declared.getName(), schema, w, s -> plan(declared, s));
    }
    TypeEncoder prior = byClass.putIfAbsent(c, te);
    return prior != null ? prior : te;
  }

  private static ValueWriter plan(Class<?> type, Schema schema) {
    try {
      return Writers.plan(type, schema);
    } catch (CodecException e) {
      throw new CodecException("Cannot encode '" + type.getName() + "' with 'avro': "
          + e.getMessage(), e);
    }
  }

  /** The class a value is declared as: enum constants with bodies, buffers, char sequences. */
  private static Class<?> declaredClass(Object value) {
    if (value instanceof Enum<?> e) {
      return e.getDeclaringClass();
    }
    if (value instanceof ByteBuffer) {
      return ByteBuffer.class;
    }
    if (value instanceof CharSequence && !(value instanceof String)) {
      return CharSequence.class;
    }
    return value.getClass();
  }

  @Override
  public <T> T decode(byte[] data, Class<T> type, CodecContext context) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(type, "type");
    if (data.length < HEADER) {
      throw new CodecException("Cannot decode " + data.length + " byte(s) " + preview(data)
          + " into '" + type.getName() + "' with 'avro': Confluent's wire format needs at least 5"
          + " bytes (magic byte 0 and a 4-byte schema id) before the Avro body; were they written"
          + " by another codec?");
    }
    if (data[0] != 0) {
      throw new CodecException("Cannot decode " + data.length + " bytes " + preview(data)
          + " into '" + type.getName() + "' with 'avro': the first byte is 0x"
          + HexFormat.of().toHexDigits(data[0]) + " but Confluent's wire format starts with magic"
          + " byte 0x00; the bytes were written by another codec or serializer");
    }
    int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    Class<?> target = JavaTypes.boxed(type);
    TypeDecoder td = decoders.get(target);
    if (td == null) {
      td = decoders.computeIfAbsent(target, k -> new TypeDecoder());
    }
    DecodePlan plan = td.find(id);
    if (plan == null) {
      try {
        plan = td.findOrBuild(id, i -> build(i, target));
      } catch (StackOverflowError e) { // a writer's schema nested deeper than the stack
        throw new CodecException("Cannot decode into '" + target.getName() + "' with 'avro':"
            + " the writer's schema (id " + id + ") nests too deeply to be resolved", e);
      }
    }
    BoundedDecoder in = decoders().configure(data, HEADER, data.length - HEADER, limits);
    Object value;
    try {
      value = target.cast(plan.read(in));
      if (in.remaining() > 0) {
        throw new CodecException(decodeFailure(target, plan) + ": " + in.remaining() + " of the "
            + (data.length - HEADER) + " body bytes are left after the value; a payload holds"
            + " exactly one value (corrupt, or not written with schema id " + plan.id + ")");
      }
    } catch (FieldError e) {
      throw new CodecException(decodeFailure(target, plan) + ": " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new CodecException(decodeFailure(target, plan) + ": the payload ended early ("
          + e.getMessage() + "); its " + (data.length - HEADER) + " body bytes do not hold a"
          + " whole value of " + describe(plan.writer) + " (truncated or not Avro)", e);
    } catch (CodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CodecException(decodeFailure(target, plan) + ": " + e, e);
    } catch (StackOverflowError e) {
      throw new CodecException(decodeFailure(target, plan) + ": the value nests too deeply for"
          + " this thread's stack; lower codec setting '" + AvroLimits.MAX_DEPTH + "' (now "
          + limits.maxDepth() + ")", e);
    } finally {
      in.release();
      boundedDecoders.give(in);
    }
    @SuppressWarnings("unchecked")
    T result = (T) value;
    return result;
  }

  private BoundedDecoder decoders() {
    BoundedDecoder d = boundedDecoders.take();
    return d != null ? d : new BoundedDecoder();
  }

  private static String decodeFailure(Class<?> target, DecodePlan plan) {
    return "Cannot decode into '" + target.getName() + "' with 'avro' (schema id " + plan.id
        + ", " + describe(plan.writer) + ")";
  }

  private static String preview(byte[] data) {
    int n = Math.min(data.length, 16);
    return "[" + HexFormat.ofDelimiter(" ").formatHex(data, 0, n) + (data.length > n ? " ..." : "") + "]";
  }

  /** Builds the plan for payloads of schema {@code id} read as {@code target}; slow path. */
  private DecodePlan build(int id, Class<?> target) {
    Schema writer;
    try {
      writer = registry.schemaById(id);
    } catch (RegistryException e) {
      String message = "Cannot decode into '" + target.getName() + "' with 'avro': schema id " + id
          + " of the payload could not be fetched: " + e.getMessage();
      // the registry's fault (down, 5xx, timeout): retried later; an unknown id is the payload's
      throw e.isTransient() ? new TransientCodecException(message, e)
          : new CodecException(message, e);
    }
    String what = "Cannot decode into '" + target.getName() + "' with 'avro': the writer's schema"
        + " (id " + id + ", " + describe(writer) + ")";
    if (target == Object.class || target.isAssignableFrom(GenericData.Record.class)) {
      if (target != Object.class && writer.getType() != Schema.Type.RECORD) {
        return new DecodePlan.Failing(id, writer, what + " is not a record, so it cannot be read"
            + " as '" + target.getName() + "'; decode into Object instead");
      }
      // generic data with the fast reader off: no class the writer's schema names is built
      return new DecodePlan.Datum(id, writer, new DepthCountingReaders.Generic(writer, writer,
          DepthCountingReaders.generic(), limits.maxDepth()), true);
    }
    if (SpecificRecord.class.isAssignableFrom(target)) {
      Schema reader;
      try {
        reader = SpecificData.get().getSchema(target);
      } catch (AvroRuntimeException e) {
        return new DecodePlan.Failing(id, writer, "Cannot decode into '" + target.getName()
            + "' with 'avro': it is a SpecificRecord without a usable SCHEMA$: " + e.getMessage());
      }
      List<String> problems = Incompatibilities.of(reader, writer);
      if (!problems.isEmpty()) {
        return new DecodePlan.Failing(id, writer, incompatible(what, reader, problems));
      }
      // records are built from the reader's schema, the class the app asked for, never from a
      // class the writer's schema names
      return new DecodePlan.Datum(id, writer, new DepthCountingReaders.Specific(writer, reader,
          DepthCountingReaders.specific(target), limits.maxDepth()), false);
    }
    Schema derived = deriver.schemaOf(target);
    Schema reader = ReaderSchemas.adapt(derived, writer);
    List<String> problems = Incompatibilities.of(reader, writer);
    if (!problems.isEmpty()) {
      return new DecodePlan.Failing(id, writer, incompatible(what, reader, problems));
    }
    ValueReader r;
    try {
      r = Readers.plan(target, reader, limits.maxDepth());
    } catch (CodecException e) {
      return new DecodePlan.Failing(id, writer, what + " cannot be read: " + e.getMessage());
    }
    return new DecodePlan.Planned(id, writer, reader, r);
  }

  private static String incompatible(String what, Schema reader, List<String> problems) {
    return what + " is incompatible with the reader's (" + describe(reader) + "): "
        + String.join("; ", problems) + "; evolve schemas compatibly (add fields with defaults,"
        + " remove only fields that had defaults, widen int -> long -> float -> double)";
  }

  @Override
  public String toString() {
    return "avro(" + registry.describe() + ")";
  }
}
