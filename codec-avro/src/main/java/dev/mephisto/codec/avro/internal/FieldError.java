package dev.mephisto.codec.avro.internal;

import dev.mephisto.CodecException;

/**
 * A value that does not fit its schema, with the path of the field; records prepend their field
 * names as the error travels up, and the codec adds the type and the schema id.
 */
final class FieldError extends CodecException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_PATH = 200;

  /** Dotted path such as {@code address.street}, empty for the top-level value. */
  private final String path;
  /** What is wrong, e.g. "is null but ...". */
  private final String problem;

  FieldError(String path, String problem, Throwable cause) {
    super((path.isEmpty() ? "the value " : "field '" + path + "' ") + problem, cause);
    this.path = path;
    this.problem = problem;
  }

  /** @return an error for the top-level value (records add the field name) */
  static FieldError of(String problem) {
    return new FieldError("", problem, null);
  }

  /** @return the same error one record level up; a very deep path keeps its innermost part */
  FieldError under(String field) {
    String p = path.isEmpty() ? field : field + "." + path;
    if (p.length() > MAX_PATH) {
      int cut = p.indexOf('.', p.length() - MAX_PATH);
      p = "..." + (cut < 0 ? p.substring(p.length() - MAX_PATH) : p.substring(cut));
    }
    return new FieldError(p, problem, getCause());
  }

  /** No stack trace: a FieldError travels up to the codec, which wraps it with its own. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** Wraps an unexpected failure of a field's reader or writer. */
  static FieldError wrap(String field, Throwable t) {
    if (t instanceof FieldError f) {
      return f.under(field);
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new FieldError(field, "failed: " + msg, t);
  }
}
