package dev.mephisto.codec.json.internal;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.type.ArrayType;
import java.math.BigDecimal;

/**
 * Plugs records, sealed interfaces, Python-style numbers and the codec's limits into Jackson:
 * untyped JSON and every container are held to {@code json.max.collection.size}, containers reject
 * null elements their type does not allow, and {@code Class} values are never read (a message must
 * not name a class to load).
 */
final class MephistoJsonModule extends Module {
  private final JsonLimits limits;

  MephistoJsonModule(JsonLimits limits) {
    this.limits = limits;
  }

  @Override
  public String getModuleName() {
    return "mephisto-json";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    context.addSerializers(new RecordAndNumberSerializers());
    context.addDeserializers(new RecordDeserializers(new UntypedReader(limits.maxCollectionSize())));
    context.addBeanDeserializerModifier(new CheckedContainers(limits.maxCollectionSize()));
  }

  private static final class RecordAndNumberSerializers extends Serializers.Base {
    @Override
    public JsonSerializer<?> findSerializer(
        SerializationConfig config, JavaType type, BeanDescription beanDesc) {
      Class<?> raw = type.getRawClass();
      if (raw == Double.class || raw == double.class) {
        return Scalars.DOUBLE;
      }
      if (raw == Float.class || raw == float.class) {
        return Scalars.FLOAT;
      }
      if (raw == BigDecimal.class) {
        return Scalars.DECIMAL;
      }
      if (type.isRecordType()) {
        return new RecordSerializer(RecordModel.of(type, config.getTypeFactory()));
      }
      return null;
    }

    @Override
    public JsonSerializer<?> findArraySerializer(
        SerializationConfig config, ArrayType type, BeanDescription beanDesc,
        TypeSerializer elementTypeSerializer, JsonSerializer<Object> elementValueSerializer) {
      Class<?> raw = type.getRawClass();
      if (raw == double[].class) {
        return Scalars.DOUBLE_ARRAY;
      }
      return raw == float[].class ? Scalars.FLOAT_ARRAY : null;
    }
  }

  private static final class RecordDeserializers extends Deserializers.Base {
    private final UntypedReader untyped;

    RecordDeserializers(UntypedReader untyped) {
      this.untyped = untyped;
    }

    @Override
    public JsonDeserializer<?> findBeanDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
      Class<?> raw = type.getRawClass();
      if (raw == BigDecimal.class) {
        return Scalars.DECIMAL_READER;
      }
      if (raw == Object.class) {
        return untyped;
      }
      if (raw == Class.class) {
        return Scalars.NO_CLASSES;
      }
      if (type.isRecordType()) {
        return new RecordDeserializer(RecordModel.of(type, config.getTypeFactory()));
      }
      if (SealedDeserializer.handles(raw)) {
        return new SealedDeserializer(raw);
      }
      return null;
    }
  }
}
