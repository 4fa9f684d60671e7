package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.List;

/**
 * A value that does not fit its type, carried up through Jackson's deserializers so that each
 * record on the way adds its field to the path. Never leaves the codec: {@link JsonCodec} turns it
 * into a {@link dev.mephisto.CodecException}.
 */
final class DecodeProblem extends JsonMappingException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_TEXT = 80;

  /** Completes "field 'x' ...", e.g. {@code expected int but was "ten"}. */
  private final String detail;

  DecodeProblem(JsonParser p, String detail) {
    super(p, detail);
    this.detail = detail;
  }

  static DecodeProblem mismatch(JsonParser p, String expected) {
    return new DecodeProblem(p, "expected " + expected + " but was " + actual(p));
  }

  String detail() {
    return detail;
  }

  /** @return the field path, e.g. {@code items[2].price}, or empty for the whole value */
  String path() {
    return pathOf(this);
  }

  /**
   * @param e any Jackson mapping exception
   * @return its field path, e.g. {@code items[2].price}, or empty for the whole value
   */
  static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /**
   * Turns what Jackson threw while reading one value into a problem with an actual value. The
   * parser still stands on the token that failed.
   *
   * @param p the parser, on the failing token
   * @param e what a deserializer threw
   * @param declared the type the value was read as
   * @return the problem, with the path Jackson had collected
   * @throws IOException a malformed-JSON error, passed on unchanged
   */
  static DecodeProblem of(JsonParser p, JsonProcessingException e, JavaType declared)
      throws IOException {
    if (e instanceof DecodeProblem d) {
      return d;
    }
    DecodeProblem d;
    if (e instanceof InputCoercionException) {
      d = new DecodeProblem(p, "expected " + Types.describe(declared) + " but was " + actual(p)
          + ", which is out of range");
    } else if (e instanceof JsonParseException) {
      throw e;
    } else if (e instanceof InvalidDefinitionException ide) {
      d = new DecodeProblem(p, "cannot be decoded into " + Types.describe(ide.getType())
          + ": " + ide.getOriginalMessage());
    } else if (e instanceof MismatchedInputException m) {
      // Jackson's own target type is precise for nested values; at the top, ours is (generics).
      String expected = m.getPath().isEmpty() ? Types.describe(declared)
          : Types.describe(m.getTargetType());
      d = mismatch(p, expected);
    } else if (e instanceof JsonMappingException) {
      d = new DecodeProblem(p, "cannot be decoded: " + e.getOriginalMessage());
    } else {
      throw e;
    }
    if (e instanceof JsonMappingException m) {
      List<Reference> path = m.getPath();
      for (int i = path.size() - 1; i >= 0; i--) {
        d.prependPath(path.get(i));
      }
    }
    return d;
  }

  /** @return the value at the parser, as it reads in a message: {@code "ten"}, 10.5, an array */
  static String actual(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "nothing (end of input)";
    }
    try {
      return switch (t) {
        case VALUE_STRING -> quote(p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
            p.getText();
        case START_OBJECT, FIELD_NAME -> "an object";
        case START_ARRAY -> "an array";
        case END_OBJECT -> "the end of an object";
        case END_ARRAY -> "the end of an array";
        default -> t.asString() == null ? t.name() : t.asString();
      };
    } catch (IOException e) {
      return t.name();
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_TEXT) + 8).append('"');
    int n = Math.min(s.length(), MAX_TEXT);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
    if (s.length() > MAX_TEXT) {
      sb.append("... (").append(s.length()).append(" characters)");
    }
    return sb.toString();
  }
}
