package dev.mephisto.core.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.Model;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value types one app may name in the {@value #HEADER} header of its repartition topics: the
 * key and value types it declared (topics, tables, set tables, channels), the records a declared
 * sealed interface permits, and a fixed set of JDK types whose decoding instantiates nothing
 * else. A header is looked up by name in this map, never loaded as a class: a record can only
 * pick among types the app decodes anyway.
 *
 * <p>Why it exists: {@code stream.map(...).groupBy(...)} forwards values of the mapped type, which
 * the consuming side does not know statically. The forwarding side checks that the type is
 * declared, so every worker of the app (all declare the same) can decode what any of them sent.
 */
public final class ValueTypes {
  /** Header naming a forwarded value's type when it is not the topic's declared value type. */
  public static final String HEADER = "mephisto.value-type";
  private static final int MAX_NAME = 1024;
  private static final List<Class<?>> SAFE = List.of(String.class, Integer.class, Long.class,
      Short.class, Byte.class, Double.class, Float.class, Boolean.class, Character.class,
      BigDecimal.class, BigInteger.class, byte[].class, UUID.class, Instant.class, LocalDate.class,
      LocalTime.class, LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class,
      Duration.class, List.class, Map.class, Set.class);

  private final Map<String, Class<?>> byName = new ConcurrentHashMap<>();
  private final Map<Class<?>, byte[]> names = new ConcurrentHashMap<>();

  /** Starts with the JDK types. */
  public ValueTypes() {
    SAFE.forEach(this::declare);
  }

  /**
   * Adds a declared type, and the subtypes a sealed type permits (recursively).
   *
   * @param type a key or value type the app declared
   */
  public void declare(Class<?> type) {
    if (type == Object.class || type.isPrimitive() || names.containsKey(type)) {
      return;
    }
    String name = nameOf(type);
    Class<?> other = byName.putIfAbsent(name, type);
    if (other != null && other != type) {
      throw new ConfigurationException("Types '" + other.getName() + "' and '" + type.getName()
          + "' are both named '" + name + "' (the @Model namespace or class name that forwarded "
          + "values carry); give one of them another @Model(namespace = ...)");
    }
    names.put(type, name.getBytes(StandardCharsets.UTF_8));
    if (type.isSealed()) {
      for (Class<?> sub : type.getPermittedSubclasses()) {
        declare(sub);
      }
    }
  }

  private static String nameOf(Class<?> type) {
    Model m = type.getAnnotation(Model.class);
    return m != null && !m.namespace().isEmpty() ? m.namespace() : type.getName();
  }

  /**
   * @param value a value about to be forwarded
   * @return the declared type it is sent as: its class, or {@code List}/{@code Map}/{@code Set}
   *     for collections, an enum constant's enum
   */
  public static Class<?> typeOf(Object value) {
    Class<?> c = value.getClass();
    if (value instanceof Enum<?> e) {
      return e.getDeclaringClass();
    }
    if (value instanceof List<?>) {
      return List.class;
    }
    if (value instanceof Map<?, ?>) {
      return Map.class;
    }
    if (value instanceof Set<?>) {
      return Set.class;
    }
    return c;
  }

  /**
   * @param type a type
   * @return the header value naming it, or null if the app did not declare it
   */
  public byte[] headerValue(Class<?> type) {
    return names.get(type);
  }

  /**
   * @param header a header value read from a record
   * @return the declared type it names, or null
   */
  public Class<?> lookup(byte[] header) {
    if (header == null || header.length > MAX_NAME) {
      return null;
    }
    return byName.get(new String(header, StandardCharsets.UTF_8));
  }

  /**
   * @param type a type that is not declared
   * @param appId the app
   * @param topic the repartition topic
   * @return the error that says how to declare it
   */
  public static ConfigurationException undeclared(Class<?> type, String appId, String topic) {
    return new ConfigurationException("A value of type '" + type.getName() + "' cannot be "
        + "forwarded to topic '" + topic + "': app '" + appId + "' did not declare that type, so "
        + "the workers reading the topic could not decode it. Declare it before start, as the "
        + "value type of a topic or table or with app.channel(" + type.getSimpleName()
        + ".class), or make the declared type a sealed interface that permits it");
  }
}
