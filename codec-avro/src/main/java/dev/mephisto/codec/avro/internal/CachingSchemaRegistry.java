package dev.mephisto.codec.avro.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Remembers every answer that cannot change (schema to id per subject, id to schema) so that the
 * registry is asked once per schema; the latest version is kept for {@code latest.cache.ttl.sec}.
 */
final class CachingSchemaRegistry implements SchemaRegistry {
  private final SchemaRegistry delegate;
  private final Duration latestTtl;
  private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();

  private record Latest(Registered registered, long expiresAt) {}

  /**
   * @param delegate the registry
   * @param latestTtl how long a latest version is trusted, or null for forever
   */
  CachingSchemaRegistry(SchemaRegistry delegate, Duration latestTtl) {
    this.delegate = delegate;
    this.latestTtl = latestTtl;
  }

  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> bySchema = ids.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer id = bySchema.get(schema);
    if (id == null) {
      id = delegate.register(subject, schema);
      bySchema.put(schema, id);
      schemas.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    Map<Schema, Integer> bySchema = ids.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer id = bySchema.get(schema);
    if (id == null) {
      id = delegate.lookup(subject, schema);
      bySchema.put(schema, id);
      schemas.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema s = schemas.get(id);
    if (s == null) {
      s = delegate.schemaById(id);
      Schema prior = schemas.putIfAbsent(id, s);
      if (prior != null) {
        s = prior;
      }
    }
    return s;
  }

  @Override
  public Registered latest(String subject) {
    Latest l = latest.get(subject);
    long now = System.nanoTime();
    if (l == null || (latestTtl != null && now - l.expiresAt() > 0)) {
      Registered r = delegate.latest(subject);
      schemas.putIfAbsent(r.id(), r.schema());
      l = new Latest(r, latestTtl == null ? Long.MAX_VALUE : now + latestTtl.toNanos());
      latest.put(subject, l);
    }
    return l.registered();
  }

  /** @return when the cached latest version of the subject stops being trusted (nanoTime) */
  long latestExpiry(String subject) {
    Latest l = latest.get(subject);
    return l == null || latestTtl == null ? Long.MAX_VALUE : l.expiresAt();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }
}
