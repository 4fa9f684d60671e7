package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes a record as Faust writes a {@code faust.Record}: its components in declaration order under
 * their field names ({@code @FieldName}, else the model's naming), then {@code "__faust": {"ns":
 * "<namespace>"}} unless {@code @Model(faustMetadata = false)}. An empty {@code Optional} and a
 * null {@code @Nullable} component are written as {@code null}, as Faust writes {@code None}.
 */
final class RecordSerializer extends StdSerializer<Object> implements ResolvableSerializer {
  private static final long serialVersionUID = 1L;
  private static final SerializedString FAUST = new SerializedString("__faust");
  private static final SerializedString NS = new SerializedString("ns");

  private final transient RecordModel model;
  /** Pre-quoted names; null where a name needs escaping and goes through the generator. */
  private final transient SerializableString[] names;
  private final transient SerializableString namespace;
  /** Per component: resolved once where the declared type fixes it, null to look up by value. */
  private transient JsonSerializer<Object>[] serializers;

  RecordSerializer(RecordModel model) {
    super(Object.class);
    this.model = model;
    names = new SerializableString[model.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = plainAscii(model.names[i]) ? new SerializedString(model.names[i]) : null;
    }
    namespace = plainAscii(model.namespace) ? new SerializedString(model.namespace) : null;
  }

  private static boolean plainAscii(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
  }

  @Override
  @SuppressWarnings("unchecked")
  public void resolve(SerializerProvider provider) throws JsonMappingException {
    JsonSerializer<Object>[] s =
        (JsonSerializer<Object>[]) new JsonSerializer<?>[model.size()];
    for (int i = 0; i < s.length; i++) {
      JavaType t = model.types[i];
      if (t.isPrimitive() || t.isFinal() || t.isContainerType() || t.isEnumType()) {
        s[i] = provider.findPrimaryPropertySerializer(t, null);
      }
    }
    serializers = s;
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeStartObject(value);
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        gen.writeFieldName(names[i]);
      } else {
        gen.writeFieldName(model.names[i]);
      }
      Object v;
      try {
        v = model.get(i, value);
      } catch (Throwable e) {
        throw JsonMappingException.from(provider, "accessor " + model.names[i] + "() of "
            + model.simpleName() + " threw " + e, e);
      }
      if (model.optional[i]) {
        v = v == null ? null : ((Optional<?>) v).orElse(null);
        if (v == null) {
          gen.writeNull();
          continue;
        }
      } else if (v == null) {
        if (model.nullable[i]) {
          gen.writeNull();
          continue;
        }
        throw JsonMappingException.from(provider, "field '" + model.names[i] + "' of "
            + model.simpleName() + " is null; declare it Optional<"
            + Types.describe(model.types[i]) + "> or @Nullable if it may be absent");
      }
      JsonSerializer<Object> s = serializers[i];
      if (s == null) {
        s = provider.findPrimaryPropertySerializer(v.getClass(), null);
      }
      s.serialize(v, gen, provider);
    }
    if (model.faustMetadata) {
      gen.writeFieldName(FAUST);
      gen.writeStartObject();
      gen.writeFieldName(NS);
      if (namespace != null) {
        gen.writeString(namespace);
      } else {
        gen.writeString(model.namespace);
      }
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }
}
