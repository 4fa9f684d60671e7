package dev.mephisto.codec.avro.internal;

import org.apache.avro.Schema;

/**
 * The four calls of Confluent's REST API the codec needs. Implementations throw {@link
 * RegistryException} with the registry's answer.
 */
public interface SchemaRegistry {
  /**
   * {@code POST /subjects/{subject}/versions}: registers (or finds) the schema.
   *
   * @param subject the subject
   * @param schema the schema
   * @return its id
   */
  int register(String subject, Schema schema);

  /**
   * {@code POST /subjects/{subject}}: the id of a schema already registered under the subject.
   *
   * @param subject the subject
   * @param schema the schema
   * @return its id
   */
  int lookup(String subject, Schema schema);

  /**
   * {@code GET /schemas/ids/{id}}.
   *
   * @param id a schema id
   * @return the schema
   */
  Schema schemaById(int id);

  /**
   * {@code GET /subjects/{subject}/versions/latest}.
   *
   * @param subject the subject
   * @return the latest version
   */
  Registered latest(String subject);

  /** @return the registry's URL(s), for messages */
  String describe();

  /**
   * A schema as registered.
   *
   * @param id its id
   * @param version its version in the subject
   * @param schema the schema
   */
  record Registered(int id, int version, Schema schema) {}
}
