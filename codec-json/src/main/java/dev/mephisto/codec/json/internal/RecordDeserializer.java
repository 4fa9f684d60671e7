package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a record, as Faust writes it or without {@code __faust}, streaming: fields may come in any
 * order, unknown fields (and {@code __faust}) are skipped, every component is required unless it
 * has a {@code @FieldDefault}, is an {@code Optional} or is {@code @Nullable}, and {@code null} is
 * accepted only for {@code Optional} and {@code @Nullable} components. A value that does not fit
 * fails with a {@link DecodeProblem} naming the field, the expected type and the actual value.
 */
final class RecordDeserializer extends StdDeserializer<Object> implements ResolvableDeserializer {
  private static final long serialVersionUID = 1L;
  /** Stands for a JSON null read into a {@code @Nullable} component, which absent fields are not. */
  private static final Object NULL = new Object();

  private final transient RecordModel model;
  private transient JsonDeserializer<Object>[] deserializers;

  RecordDeserializer(RecordModel model) {
    super(model.type);
    this.model = model;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void resolve(DeserializationContext ctxt) throws JsonMappingException {
    JsonDeserializer<Object>[] d =
        (JsonDeserializer<Object>[]) new JsonDeserializer<?>[model.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ctxt.findContextualValueDeserializer(model.types[i], null);
    }
    deserializers = d;
  }

  @Override
  public boolean isCachable() {
    return true;
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      t = p.nextToken();
    } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
      // FIELD_NAME: a sealed interface's reader has already consumed "__faust" and hands over
      throw DecodeProblem.mismatch(p, model.simpleName() + " (a JSON object)");
    }
    int n = model.size();
    Object[] args = new Object[n];
    int next = 0;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      // fields usually come in declaration order; names are interned on both sides
      int i = next < n && model.names[next] == name ? next : model.indexOf(name);
      if (i < 0) {
        p.skipChildren();
        continue;
      }
      next = i + 1;
      args[i] = read(i, p, ctxt);
    }
    for (int i = 0; i < n; i++) {
      if (args[i] == null) {
        if (!model.mayBeAbsent[i]) {
          DecodeProblem d = new DecodeProblem(p, "is missing; expected "
              + Types.describe(model.types[i]) + " (give the component a @FieldDefault, or"
              + " declare it Optional, if messages may lack the field)");
          d.prependPath(model.type, model.names[i]);
          throw d;
        }
        args[i] = model.absent[i];
      } else if (args[i] == NULL) {
        args[i] = null;
      }
    }
    try {
      return model.construct(args);
    } catch (Throwable e) {
      DecodeProblem d = new DecodeProblem(p, "was rejected by the constructor of "
          + model.simpleName() + ": " + e);
      d.initCause(e);
      throw d;
    }
  }

  private Object read(int i, JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      if (model.optional[i]) {
        return Optional.empty();
      }
      if (model.nullable[i]) {
        return NULL;
      }
      DecodeProblem d = DecodeProblem.mismatch(p, Types.describe(model.types[i])
          + (model.primitive[i] ? "" : " (declare the component Optional if it may be null)"));
      d.prependPath(model.type, model.names[i]);
      throw d;
    }
    Object v;
    try {
      v = deserializers[i].deserialize(p, ctxt);
    } catch (JsonProcessingException e) {
      DecodeProblem d = DecodeProblem.of(p, e, model.types[i]);
      d.prependPath(model.type, model.names[i]);
      throw d;
    } catch (RuntimeException e) {
      // e.g. java.time's DateTimeException for an Instant of 1e18 or a 13th month
      JsonToken at = p.currentToken();
      String actual = at != null && at.isScalarValue() ? " but was " + DecodeProblem.actual(p)
          + ", which" : "; the value";
      DecodeProblem d = new DecodeProblem(p, "expected " + Types.describe(model.types[i])
          + actual + " cannot be decoded: " + e.getMessage());
      d.initCause(e);
      d.prependPath(model.type, model.names[i]);
      throw d;
    }
    if (v == null) {
      // a deserializer may map some input to null (e.g. an empty string for some types)
      if (model.optional[i]) {
        return Optional.empty();
      }
      if (model.nullable[i]) {
        return NULL;
      }
      DecodeProblem d = DecodeProblem.mismatch(p, Types.describe(model.types[i]));
      d.prependPath(model.type, model.names[i]);
      throw d;
    }
    return model.optional[i] ? Optional.of(v) : v;
  }
}
