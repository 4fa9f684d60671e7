package dev.mephisto.codec.avro.internal;

import dev.mephisto.CodecException;
import dev.mephisto.codec.CodecContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Everything needed to encode values of one class (or one generic schema): the schema, the writer
 * and, per topic and key/value, the registered id. The hot path is one map lookup; the registry is
 * asked under a lock so concurrent first uses ask once.
 */
final class TypeEncoder {
  final String name;
  final Schema schema;
  final ValueWriter writer;
  private final Function<Schema, ValueWriter> writerFor;
  private final Map<CodecContext, Target> targets = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Where values go: the subject, the id written in the header and the writer for that schema.
   *
   * @param subject the subject
   * @param id the schema id
   * @param writer the writer (for use.latest.version, planned against the latest schema)
   * @param expiresAt System.nanoTime() after which the latest version is fetched again
   */
  record Target(String subject, int id, ValueWriter writer, long expiresAt) {}

  /**
   * @param name the class or schema name, for messages
   * @param schema the value's own schema
   * @param writer its writer
   * @param writerFor plans a writer for another schema (use.latest.version)
   */
  TypeEncoder(String name, Schema schema, ValueWriter writer, Function<Schema, ValueWriter> writerFor) {
    this.name = name;
    this.schema = schema;
    this.writer = writer;
    this.writerFor = writerFor;
  }

  Target target(CodecContext context, AvroConfig config, CachingSchemaRegistry registry) {
    Target t = targets.get(context);
    if (t != null && (t.expiresAt() == Long.MAX_VALUE || System.nanoTime() - t.expiresAt() < 0)) {
      return t;
    }
    lock.lock();
    try {
      t = targets.get(context);
      if (t == null || (t.expiresAt() != Long.MAX_VALUE && System.nanoTime() - t.expiresAt() >= 0)) {
        t = resolve(context, config, registry);
        targets.put(context, t);
      }
      return t;
    } finally {
      lock.unlock();
    }
  }

  private Target resolve(CodecContext context, AvroConfig config, CachingSchemaRegistry registry) {
    SubjectStrategy strategy = context.isKey() ? config.keyStrategy() : config.valueStrategy();
    String subject = strategy.subject(context, schema);
    String what = "Cannot encode '" + name + "' with 'avro'";
    if (config.useLatest()) {
      SchemaRegistry.Registered latest;
      try {
        latest = registry.latest(subject);
      } catch (RegistryException e) {
        throw new CodecException(what + ": fetching the latest schema of subject '" + subject
            + "' (use.latest.version=true) failed: " + e.getMessage()
            + (e.status() == 404 ? "; register a schema under that subject first, or set"
                + " use.latest.version=false" : ""), e);
      }
      ValueWriter w;
      try {
        w = latest.schema().equals(schema) ? writer : writerFor.apply(latest.schema());
      } catch (CodecException e) {
        throw new CodecException(what + " with the latest schema of subject '" + subject
            + "' (id " + latest.id() + ", version " + latest.version() + "): " + e.getMessage(), e);
      }
      return new Target(subject, latest.id(), w, registry.latestExpiry(subject));
    }
    try {
      int id = config.autoRegister() ? registry.register(subject, schema) : registry.lookup(subject, schema);
      return new Target(subject, id, writer, Long.MAX_VALUE);
    } catch (RegistryException e) {
      String remedy;
      if (e.status() == 409) {
        remedy = "; the registry refuses this schema as incompatible with the subject's earlier"
            + " versions: make the change compatible (e.g. add fields with defaults) or change"
            + " the subject's compatibility level";
      } else if (e.status() == 404 && !config.autoRegister()) {
        remedy = "; auto.register.schemas is false, so register the schema under subject '"
            + subject + "' first, or set auto.register.schemas=true";
      } else if (e.status() == 422) {
        remedy = "; the registry rejects the schema as invalid";
      } else {
        remedy = "";
      }
      throw new CodecException(what + ": " + (config.autoRegister() ? "registering" : "looking up")
          + " its schema under subject '" + subject + "' failed: " + e.getMessage() + remedy, e);
    }
  }
}
