package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads untyped JSON ({@code Object}, the values of a {@code Map<String, Object>}, Faust's plain
 * dicts) into {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Integer}/{@code
 * Long}/{@code BigInteger}, {@code Double}, {@code Boolean} and {@code null}, as Jackson's own
 * untyped reader does, but holds every array and object to {@code json.max.collection.size}
 * elements while it reads. Depth is bounded by the parser ({@code json.max.depth}).
 */
final class UntypedReader extends StdDeserializer<Object> {
  private static final long serialVersionUID = 1L;
  private final int maxSize;

  UntypedReader(int maxSize) {
    super(Object.class);
    this.maxSize = maxSize;
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT, FIELD_NAME, END_OBJECT -> {
        return object(p, ctxt);
      }
      case START_ARRAY -> {
        return array(p, ctxt);
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getNumberValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> {
        return ctxt.handleUnexpectedToken(Object.class, p);
      }
    }
  }

  @Override
  public Object getNullValue(DeserializationContext ctxt) {
    return null;
  }

  private Map<String, Object> object(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    JsonToken t = p.currentToken() == JsonToken.START_OBJECT ? p.nextToken() : p.currentToken();
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      if (m.size() >= maxSize && !m.containsKey(name)) {
        throw tooMany(p, m.size() + 1);
      }
      try {
        m.put(name, deserialize(p, ctxt));
      } catch (DecodeProblem e) {
        e.prependPath(new Reference(m, name));
        throw e;
      }
    }
    return m;
  }

  private List<Object> array(JsonParser p, DeserializationContext ctxt) throws IOException {
    List<Object> list = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (list.size() >= maxSize) {
        throw tooMany(p, list.size() + 1);
      }
      try {
        list.add(deserialize(p, ctxt));
      } catch (DecodeProblem e) {
        e.prependPath(new Reference(list, list.size()));
        throw e;
      }
    }
    return list;
  }

  private DecodeProblem tooMany(JsonParser p, int size) {
    return new DecodeProblem(p, "has more than " + maxSize + " elements (at least " + size
        + ") but codec setting '" + JsonLimits.MAX_COLLECTION_SIZE + "' allows at most " + maxSize);
  }
}
