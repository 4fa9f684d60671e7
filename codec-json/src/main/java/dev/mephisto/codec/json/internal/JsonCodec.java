package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
import dev.mephisto.codec.StrictUtf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Codec {@code json}: Faust-compatible JSON through one configured Jackson mapper, with a reader
 * and a writer cached per class. Thread-safe; one instance per set of {@link JsonLimits}, shared
 * by every chain that uses json with those limits.
 *
 * <p>Decoding treats the bytes as hostile: they must be well-formed UTF-8, every limit of {@link
 * JsonLimits} holds, nothing in them names a class (no default typing, every annotation-driven
 * polymorphic type denied, {@code Class} never read, sealed interfaces resolved only among their
 * permitted records), and whatever goes wrong, Jackson's or the JDK's exception, a constructor's
 * or a stack overflow, leaves as a {@link CodecException}.
 */
public final class JsonCodec implements Codec {
  private static final Map<JsonLimits, JsonCodec> BY_LIMITS = new ConcurrentHashMap<>();

  private final ObjectMapper mapper;
  private final ObjectWriter baseWriter;
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

  private JsonCodec(JsonLimits limits) {
    mapper = mapper(limits);
    baseWriter = mapper.writer(PythonJsonStyle.PRINTER);
  }

  /**
   * @param limits what one message may cost
   * @return the shared codec for those limits
   */
  public static JsonCodec of(JsonLimits limits) {
    JsonCodec c = BY_LIMITS.get(limits);
    return c != null ? c : BY_LIMITS.computeIfAbsent(limits, JsonCodec::new);
  }

  private static ObjectMapper mapper(JsonLimits limits) {
    JsonFactory factory = new JsonFactoryBuilder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxNumberLength(limits.maxNumberLength())
            .maxStringLength(limits.maxStringLength())
            .build())
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .characterEscapes(PythonJsonStyle.ESCAPES)
        .build();
    JsonMapper m = JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .addModule(new MephistoJsonModule(limits))
        // annotation-driven polymorphism (@JsonTypeInfo) must never load a class a message names
        .polymorphicTypeValidator(DenyAllTypes.INSTANCE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // enums by name only
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
    // table values and counts: the digits Jackson would write, without setting up a generator
    // (that set-up was ~20 % of a windowed count's update)
    if (value instanceof Long l) {
      return Long.toString(l).getBytes(StandardCharsets.US_ASCII);
    }
    if (value instanceof Integer i) {
      return Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }
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
    if (type == Long.class || type == Integer.class) {
      Object n = plainInteger(data, type == Integer.class);
      if (n != null) {
        return (T) n;
      }
    }
    ObjectReader reader = readers.get(type);
    checkUtf8(data);
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
    } catch (StreamConstraintsException e) {
      throw new CodecException("JSON over a limit" + where(p == null ? null : p.currentLocation())
          + ": " + limit(e.getOriginalMessage()));
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
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      // what a deserializer let through: java.time's DateTimeException, a constructor's exception
      throw new CodecException("value cannot be decoded as " + Types.describe(type) + ": " + e
          + " (decoding " + type.getSimpleName() + ")", e);
    } catch (StackOverflowError e) {
      throw new CodecException("value nests too deeply to decode as " + Types.describe(type)
          + " on this thread's stack; lower codec setting '" + JsonLimits.MAX_DEPTH
          + "' (decoding " + type.getSimpleName() + ")", e);
    } finally {
      close(p);
    }
  }

  /**
   * @return the value of a plain JSON integer (an optional '-', 1 to 18 digits, no leading zero)
   *     that fits the type, or null for anything else (Jackson decides, and explains errors)
   */
  private static Object plainInteger(byte[] data, boolean isInt) {
    int n = data.length;
    int i = n > 0 && data[0] == '-' ? 1 : 0;
    int digits = n - i;
    if (digits < 1 || digits > 18 || (data[i] == '0' && (digits > 1 || i == 1))) {
      return null;
    }
    long v = 0;
    for (; i < n; i++) {
      int d = data[i] - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      v = v * 10 + d;
    }
    if (data[0] == '-') {
      v = -v;
    }
    if (isInt) {
      return v == (int) v ? Integer.valueOf((int) v) : null;
    }
    return Long.valueOf(v);
  }

  /**
   * Jackson decodes overlong forms ({@code C0 AF} as {@code /}) and guesses UTF-16 or UTF-32 from
   * zero bytes; JSON between systems is UTF-8 (RFC 8259), so anything else is rejected up front.
   */
  private static void checkUtf8(byte[] data) {
    int bad = StrictUtf8.firstInvalid(data, 0, data.length);
    if (bad >= 0) {
      throw new CodecException("Malformed JSON: " + StrictUtf8.describe(data, bad, data.length)
          + "; JSON must be UTF-8");
    }
    for (int i = 0; i < Math.min(4, data.length); i++) {
      if (data[i] == 0) {
        throw new CodecException("Malformed JSON: byte " + i + " is 0x00, which JSON text never"
            + " holds (UTF-16 or UTF-32 text, or binary data); JSON must be UTF-8");
      }
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

  /** Names Jackson's limits by the codec settings that set them. */
  private static String limit(String message) {
    return message
        .replace("from `StreamReadConstraints.getMaxNestingDepth()`",
            "codec setting '" + JsonLimits.MAX_DEPTH + "'")
        .replace("from `StreamReadConstraints.getMaxNumberLength()`",
            "codec setting '" + JsonLimits.MAX_NUMBER_LENGTH + "'")
        .replace("from `StreamReadConstraints.getMaxStringLength()`",
            "codec setting '" + JsonLimits.MAX_STRING_LENGTH + "'");
  }

  private static CodecException malformed(JsonLocation at, String what) {
    return new CodecException("Malformed JSON" + where(at) + ": " + what);
  }

  private static String where(JsonLocation at) {
    return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
        + " (byte " + at.getByteOffset() + ")";
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
