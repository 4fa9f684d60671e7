package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Wraps Jackson's readers of lists, sets, maps and object arrays: a decoded container whose
 * elements may not be null holds no null, and no container holds more than {@code
 * json.max.collection.size} elements. Elements may be null only where the element type says so:
 * {@code Optional<T>} (a JSON null becomes {@code Optional.empty()}), {@code Object} (untyped
 * JSON, as Faust's plain dicts) and {@code JsonNode}.
 */
final class CheckedContainers extends BeanDeserializerModifier {
  private static final long serialVersionUID = 1L;
  private final int maxSize;

  CheckedContainers(int maxSize) {
    this.maxSize = maxSize;
  }

  /** @return true when a JSON null is a legitimate element of this type */
  static boolean allowsNull(JavaType element) {
    Class<?> raw = element.getRawClass();
    return element.isReferenceType() || raw == Object.class || JsonNode.class.isAssignableFrom(raw);
  }

  @Override
  public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config,
      CollectionType type, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
    return new Checked(deserializer, type.getContentType(), maxSize);
  }

  @Override
  public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
      BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
    return new Checked(deserializer, type.getContentType(), maxSize);
  }

  @Override
  public JsonDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
      BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
    return new Checked(deserializer, type.getContentType(), maxSize);
  }

  private static final class Checked extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient JavaType element;
    private final boolean rejectNulls;
    private final int maxSize;

    Checked(JsonDeserializer<?> delegate, JavaType element, int maxSize) {
      super(delegate);
      this.element = element;
      this.rejectNulls = !element.isPrimitive() && !allowsNull(element);
      this.maxSize = maxSize;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new Checked(newDelegatee, element, maxSize);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return check(p, super.deserialize(p, ctxt));
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue)
        throws IOException {
      return check(p, super.deserialize(p, ctxt, intoValue));
    }

    private Object check(JsonParser p, Object value) throws DecodeProblem {
      if (value instanceof Collection<?> c) {
        size(p, c.size());
        if (rejectNulls) {
          int i = 0;
          for (Object e : c) {
            if (e == null) {
              throw nullElement(p, new Reference(c, i));
            }
            i++;
          }
        }
      } else if (value instanceof Map<?, ?> m) {
        size(p, m.size());
        if (rejectNulls) {
          for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() == null) {
              throw nullElement(p, new Reference(m, String.valueOf(e.getKey())));
            }
          }
        }
      } else if (value instanceof Object[] a) {
        size(p, a.length);
        if (rejectNulls) {
          for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
              throw nullElement(p, new Reference(a, i));
            }
          }
        }
      } else if (value != null && value.getClass().isArray()) {
        size(p, java.lang.reflect.Array.getLength(value));
      }
      return value;
    }

    private void size(JsonParser p, int size) throws DecodeProblem {
      if (size > maxSize) {
        throw new DecodeProblem(p, "has " + size + " elements but codec setting '"
            + JsonLimits.MAX_COLLECTION_SIZE + "' allows at most " + maxSize);
      }
    }

    private DecodeProblem nullElement(JsonParser p, Reference at) {
      DecodeProblem d = new DecodeProblem(p, "expected " + Types.describe(element)
          + " but was null (declare the element type Optional<" + Types.describe(element)
          + "> if elements may be null)");
      d.prependPath(at);
      return d;
    }
  }
}
