package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.io.IOException;
import java.util.Arrays;

/**
 * The layout of Python's {@code json.dumps} with its defaults, which Faust's {@code json} codec
 * uses: {@code ", "} between items, {@code ": "} after keys, everything on one line, and
 * (together with {@code ESCAPE_NON_ASCII} and lower-case hex) {@code ensure_ascii} escaping.
 * Stateless, so one instance serves every generator.
 */
final class PythonJsonStyle implements PrettyPrinter {
  static final PythonJsonStyle PRINTER = new PythonJsonStyle();
  static final CharacterEscapes ESCAPES = new PythonEscapes();

  private PythonJsonStyle() {}

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(' ');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
  }

  @Override
  public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
    g.writeRaw('}');
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(", ");
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    g.writeRaw('[');
  }

  @Override
  public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
    g.writeRaw(']');
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(", ");
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) {}

  @Override
  public void beforeObjectEntries(JsonGenerator g) {}

  /** Python escapes DEL (0x7f) too: {@code ensure_ascii} keeps only ' ' to '~' as they are. */
  private static final class PythonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    PythonEscapes() {
      int[] t = standardAsciiEscapesForJSON();
      t = Arrays.copyOf(t, Math.max(t.length, 128));
      t[0x7f] = ESCAPE_STANDARD;
      ascii = t;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // never asked: non-ASCII is escaped generically as \\uXXXX
    }
  }
}
