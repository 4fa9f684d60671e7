package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.mephisto.CodecException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a sealed interface: picks the permitted record whose namespace equals the message's
 * {@code "__faust": {"ns": ...}}, as Faust picks a model by namespace. Faust writes {@code
 * __faust} last, so the fields before it are buffered; a message that starts with it streams.
 */
final class SealedDeserializer extends StdDeserializer<Object> implements ResolvableDeserializer {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, Class<?>> byNamespace;
  private transient Map<String, JsonDeserializer<Object>> readers;

  SealedDeserializer(Class<?> sealed) {
    super(sealed);
    Map<String, Class<?>> m = new TreeMap<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(sealed);
    while (!todo.isEmpty()) {
      Class<?> c = todo.poll();
      if (c.isRecord()) {
        Class<?> other = m.put(RecordModel.namespace(c), c);
        if (other != null && other != c) {
          throw new CodecException("Records " + other.getName() + " and " + c.getName()
              + " of sealed " + sealed.getName() + " share the namespace '"
              + RecordModel.namespace(c) + "'; give each its own @Model(namespace = ...)");
        }
      } else if (c.isSealed()) {
        todo.addAll(java.util.List.of(c.getPermittedSubclasses()));
      }
    }
    byNamespace = m;
  }

  /** @return true for a sealed interface the codec can decode into */
  static boolean handles(Class<?> c) {
    return c.isInterface() && c.isSealed();
  }

  @Override
  public void resolve(DeserializationContext ctxt) throws JsonMappingException {
    Map<String, JsonDeserializer<Object>> r = new HashMap<>();
    for (Map.Entry<String, Class<?>> e : byNamespace.entrySet()) {
      r.put(e.getKey(), ctxt.findRootValueDeserializer(ctxt.constructType(e.getValue())));
    }
    readers = r;
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
      throw DecodeProblem.mismatch(p, "one of " + byNamespace.keySet() + " (a JSON object)");
    }
    if (t == JsonToken.FIELD_NAME && "__faust".equals(p.currentName())) {
      p.nextToken();
      String ns = namespace(p);
      p.nextToken();
      return reader(ns, p).deserialize(p, ctxt);
    }
    TokenBuffer buffer = ctxt.bufferForInputBuffering(p);
    buffer.writeStartObject();
    String ns = null;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      if ("__faust".equals(name)) {
        ns = namespace(p);
      } else {
        buffer.writeFieldName(name);
        buffer.copyCurrentStructure(p);
      }
    }
    buffer.writeEndObject();
    JsonDeserializer<Object> reader = reader(ns, p);
    try (JsonParser bp = buffer.asParser(p)) {
      bp.nextToken();
      return reader.deserialize(bp, ctxt);
    }
  }

  private JsonDeserializer<Object> reader(String ns, JsonParser p) throws DecodeProblem {
    JsonDeserializer<Object> r = ns == null ? null : readers.get(ns);
    if (r == null) {
      String sealed = handledType().getSimpleName();
      throw new DecodeProblem(p, (ns == null
          ? "has no \"__faust\": {\"ns\": ...} to pick a record of sealed " + sealed
          : "has \"__faust\" ns '" + ns + "', which names no record of sealed " + sealed)
          + "; known namespaces: " + byNamespace.keySet());
    }
    return r;
  }

  /** Reads the value of {@code __faust}: an object whose {@code ns} is a string. */
  private static String namespace(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String ns = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("ns".equals(name) && v == JsonToken.VALUE_STRING) {
        ns = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return ns;
  }
}
