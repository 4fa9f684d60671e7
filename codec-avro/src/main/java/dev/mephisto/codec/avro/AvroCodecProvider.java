package dev.mephisto.codec.avro;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.avro.internal.AvroCodec;
import dev.mephisto.codec.avro.internal.AvroConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Provides the value codec {@code avro}: Avro binary in Confluent's wire format (magic byte 0, a
 * 4-byte big-endian schema id, the Avro body), with schemas kept in a Schema Registry. It reads
 * and writes the same bytes as Confluent's {@code KafkaAvroSerializer}.
 *
 * <pre>{@code
 * App app = App.builder("orders")
 *     .codecConfig("schema.registry.url", "http://localhost:8081")
 *     .build();
 * // or, for tests and demos, an in-process registry shared by name within the JVM:
 * Codec codec = new AvroCodecProvider().create(Map.of("schema.registry.url", "mock://test"));
 * }</pre>
 *
 * <p>It encodes Java records (schema derived by reflection), Avro {@code SpecificRecord} classes,
 * {@code GenericRecord}s and plain values ({@code String}, {@code int}, {@code byte[]}, ...). See
 * the package documentation for the settings.
 */
public final class AvroCodecProvider implements CodecProvider {
  /** Creates the provider; no I/O happens until a codec encodes or decodes. */
  public AvroCodecProvider() {}

  /** @return {@code "avro"} */
  @Override
  public String name() {
    return "avro";
  }

  /**
   * @param config at least {@code schema.registry.url}
   * @return a thread-safe codec
   * @throws dev.mephisto.ConfigurationException when a setting is missing or invalid
   */
  @Override
  public Codec create(Map<String, ?> config) {
    Objects.requireNonNull(config, "config");
    return new AvroCodec(AvroConfig.parse(config));
  }
}
