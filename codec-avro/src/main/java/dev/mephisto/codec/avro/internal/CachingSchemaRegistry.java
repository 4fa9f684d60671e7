package dev.mephisto.codec.avro.internal;

import dev.mephisto.CodecException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;

/**
 * Remembers every answer that cannot change (schema to id per subject, id to schema) so that the
 * registry is asked once per schema; the latest version is kept for {@code latest.cache.ttl.sec}.
 * Ids the registry does not know (404), or whose schema is not Avro, are remembered too, for
 * {@code missing.id.cache.ttl.sec} and at most {@code missing.cache.size} of them (the oldest go
 * first): a stream of messages with made-up ids costs one request per id and period.
 */
final class CachingSchemaRegistry implements SchemaRegistry {
  private final SchemaRegistry delegate;
  private final Duration latestTtl;
  private final AvroConfig.MissingCache missingSettings;
  private final ReentrantLock missingLock = new ReentrantLock();
  /** Guarded by missingLock; only touched when an id is not in {@code schemas}. */
  private final LinkedHashMap<Integer, Missing> missing = new LinkedHashMap<>();

  private record Missing(CodecException failure, long expiresAt) {}
  private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();

  private record Latest(Registered registered, long expiresAt) {}

  /**
   * @param delegate the registry
   * @param latestTtl how long a latest version is trusted, or null for forever
   */
  CachingSchemaRegistry(SchemaRegistry delegate, Duration latestTtl,
      AvroConfig.MissingCache missing) {
    this.delegate = delegate;
    this.latestTtl = latestTtl;
    this.missingSettings = missing;
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
      s = fetch(id);
      Schema prior = schemas.putIfAbsent(id, s);
      if (prior != null) {
        s = prior;
      }
    }
    return s;
  }

  private Schema fetch(int id) {
    long now = System.nanoTime();
    Missing known = knownMissing(id, now);
    if (known != null) {
      CodecException f = known.failure();
      throw f instanceof RegistryException r
          ? new RegistryException(r.getMessage() + " (remembered: asked again after codec setting"
              + " '" + AvroConfig.MISSING_TTL + "' = " + missingSettings.ttl().toSeconds()
              + " s)", r.status(), r.errorCode())
          : new CodecException(f.getMessage() + " (remembered for " + AvroConfig.MISSING_TTL
              + ")", f);
    }
    try {
      return delegate.schemaById(id);
    } catch (RegistryException e) {
      if (!e.isTransient()) {
        remember(id, e, now);
      }
      throw e;
    } catch (dev.mephisto.TransientCodecException e) {
      throw e;
    } catch (CodecException e) { // the id names a schema that is not Avro, or not parsable
      remember(id, e, now);
      throw e;
    }
  }

  private Missing knownMissing(int id, long now) {
    if (missingSettings.ttl().isZero()) {
      return null;
    }
    missingLock.lock();
    try {
      Missing m = missing.get(id);
      if (m != null && now - m.expiresAt() >= 0) {
        missing.remove(id);
        return null;
      }
      return m;
    } finally {
      missingLock.unlock();
    }
  }

  private void remember(int id, CodecException failure, long now) {
    if (missingSettings.ttl().isZero()) {
      return;
    }
    missingLock.lock();
    try {
      missing.remove(id); // re-inserted last: insertion order is age order
      missing.put(id, new Missing(failure, now + missingSettings.ttl().toNanos()));
      while (missing.size() > missingSettings.size()) {
        Integer oldest = missing.keySet().iterator().next();
        missing.remove(oldest);
      }
    } finally {
      missingLock.unlock();
    }
  }

  /** @return how many unknown ids are remembered now */
  int missingCount() {
    missingLock.lock();
    try {
      return missing.size();
    } finally {
      missingLock.unlock();
    }
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
