package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/** Serializers for numbers written the way Python's {@code json.dumps} and Faust write them. */
final class Scalars {
  static final StdSerializer<Double> DOUBLE = new DoubleSerializer();
  static final StdSerializer<Float> FLOAT = new FloatSerializer();
  static final StdSerializer<double[]> DOUBLE_ARRAY = new DoubleArraySerializer();
  static final StdSerializer<float[]> FLOAT_ARRAY = new FloatArraySerializer();
  static final StdSerializer<BigDecimal> DECIMAL = new DecimalSerializer();
  static final StdScalarDeserializer<BigDecimal> DECIMAL_READER = new DecimalDeserializer();
  static final StdScalarDeserializer<Object> NO_CLASSES = new NoClasses();

  private Scalars() {}

  private static final class DoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    DoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(PythonFloats.format(value.doubleValue()));
    }
  }

  private static final class FloatSerializer extends StdSerializer<Float> {
    private static final long serialVersionUID = 1L;

    FloatSerializer() {
      super(Float.class);
    }

    @Override
    public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(PythonFloats.format(value.floatValue()));
    }
  }

  private static final class DoubleArraySerializer extends StdSerializer<double[]> {
    private static final long serialVersionUID = 1L;

    DoubleArraySerializer() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartArray(value, value.length);
      for (double d : value) {
        gen.writeNumber(PythonFloats.format(d));
      }
      gen.writeEndArray();
    }
  }

  private static final class FloatArraySerializer extends StdSerializer<float[]> {
    private static final long serialVersionUID = 1L;

    FloatArraySerializer() {
      super(float[].class);
    }

    @Override
    public void serialize(float[] value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartArray(value, value.length);
      for (float f : value) {
        gen.writeNumber(PythonFloats.format(f));
      }
      gen.writeEndArray();
    }
  }

  /** Faust's JSON encoder writes {@code Decimal} as {@code str(d)}, keeping every digit. */
  private static final class DecimalSerializer extends StdSerializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    DecimalSerializer() {
      super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.toString());
    }
  }

  /**
   * Reads decimals written as text (Faust) or as JSON numbers (most other producers). Text obeys
   * the parser's number-length limit ({@code json.max.number.length}) as numbers do, and either
   * form must fit that many digits written out, so that neither a megabyte of digits nor {@code
   * 1e999999999} makes the app pay later (both cost seconds in {@code toPlainString} or {@code
   * setScale}).
   */
  private static final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    DecimalDeserializer() {
      super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      int max = p.streamReadConstraints().getMaxNumberLength();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return bounded(p, p.getDecimalValue(), max);
      }
      if (t == JsonToken.VALUE_STRING) {
        String text = p.getText().trim();
        if (text.length() > max) {
          throw new DecodeProblem(p, "is a decimal of " + text.length() + " characters but codec"
              + " setting '" + JsonLimits.MAX_NUMBER_LENGTH + "' allows at most " + max);
        }
        BigDecimal d;
        try {
          d = new BigDecimal(text);
        } catch (NumberFormatException e) {
          return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, text,
              "not a decimal number");
        }
        return bounded(p, d, max);
      }
      return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
    }

    private static BigDecimal bounded(JsonParser p, BigDecimal d, int max) throws DecodeProblem {
      if (Math.abs((long) d.scale()) > max) {
        throw new DecodeProblem(p, "is a decimal with exponent " + (-(long) d.scale()) + ", which"
            + " needs more than " + max + " digits written out; codec setting '"
            + JsonLimits.MAX_NUMBER_LENGTH + "' allows at most " + max);
      }
      return d;
    }
  }

  /** {@code Class} components are never read: a message must not name a class to load. */
  private static final class NoClasses extends StdScalarDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    NoClasses() {
      super(Class.class);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      throw new DecodeProblem(p, "is of type Class, which codec 'json' never decodes: a message"
          + " must not name a class to load; use a String or an enum");
    }
  }
}
