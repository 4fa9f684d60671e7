package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import java.io.IOException;
import java.util.Objects;

/**
 * Codec {@code json}: Faust-compatible JSON through one configured Jackson mapper, with a reader
 * and a writer cached per class. Thread-safe; shared by every chain.
 */
public final class JsonCodec implements Codec {
  /** The one instance: mapper, readers and writers are shared by every chain that uses json. */
  public static final JsonCodec INSTANCE = new JsonCodec();

  private final ObjectMapper mapper = mapper();
  private final ObjectWriter baseWriter = mapper.writer(PythonJsonStyle.PRINTER);
  private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
    @Override
    protected ObjectWriter computeValue(Class<?> type) {
      return baseWriter.forType(type);
    }
  };
  private final ClassValue<ObjectReader> readers = new ClassValue<>() {
    @Override
    protected ObjectReader computeValue(Class<?> type) {
      return mapper.readerFor(type);
    }
  };

  private JsonCodec() {}

  private static ObjectMapper mapper() {
    JsonFactory factory = new JsonFactoryBuilder()
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .characterEscapes(PythonJsonStyle.ESCAPES)
        .build();
    JsonMapper m = JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .addModule(new MephistoJsonModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    // a value of the wrong JSON type is an error, not something to convert
    for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float,
        LogicalType.Boolean}) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return m;
  }

  @Override
  public byte[] encode(Object value) {
    Objects.requireNonNull(value, "value");
    try {
      return writers.get(value.getClass()).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new CodecException("Cannot encode '" + value.getClass().getName()
          + "' with 'json': " + e.getOriginalMessage());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T decode(byte[] data, Class<T> type) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(type, "type");
    ObjectReader reader = readers.get(type);
    JsonParser p = null;
    try {
      p = reader.createParser(data);
      if (p.nextToken() == null) {
        throw new CodecException("Cannot decode " + data.length + " bytes as JSON: the input is"
            + " empty; expected a JSON document for " + type.getSimpleName());
      }
      Object value = reader.readValue(p);
      if (value == null) {
        throw new CodecException("value expected " + Types.describe(type) + " but was null");
      }
      if (p.nextToken() != null) {
        throw malformed(p.currentLocation(), "unexpected data after the JSON value ("
            + DecodeProblem.actual(p) + ")");
      }
      return (T) value;
    } catch (DecodeProblem e) {
      throw problem(e, e.detail(), type, e.getCause());
    } catch (StreamReadException e) {
      throw malformed(e.getLocation(), e.getOriginalMessage());
    } catch (InvalidDefinitionException e) {
      throw new CodecException("Cannot decode into " + Types.describe(e.getType()) + " with"
          + " 'json': " + e.getOriginalMessage() + " (decoding " + type.getSimpleName() + ")");
    } catch (MismatchedInputException e) {
      JavaType target = e.getPath().isEmpty() ? reader.getValueType() : null;
      String expected = target != null ? Types.describe(target) : Types.describe(e.getTargetType());
      throw problem(e, "expected " + expected + " but was " + DecodeProblem.actual(p), type, null);
    } catch (JsonMappingException e) {
      throw problem(e, "cannot be decoded: " + e.getOriginalMessage(), type, null);
    } catch (IOException e) {
      throw new CodecException("Cannot decode JSON: " + e.getMessage(), e);
    } finally {
      close(p);
    }
  }

  private static CodecException problem(
      JsonMappingException e, String detail, Class<?> type,
      Throwable cause) {
    String path = DecodeProblem.pathOf(e);
    String message = (path.isEmpty() ? "value " : "field '" + path + "' ") + detail
        + " (decoding " + type.getSimpleName() + ")";
    return cause == null ? new CodecException(message) : new CodecException(message, cause);
  }

  private static CodecException malformed(JsonLocation at, String what) {
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column "
        + at.getColumnNr() + " (byte " + at.getByteOffset() + ")";
    return new CodecException("Malformed JSON" + where + ": " + what);
  }

  private static void close(JsonParser p) {
    if (p != null) {
      try {
        p.close();
      } catch (IOException ignored) {
        // reading from a byte array: nothing to release that could fail
      }
    }
  }

  @Override
  public String toString() {
    return "json";
  }
}
