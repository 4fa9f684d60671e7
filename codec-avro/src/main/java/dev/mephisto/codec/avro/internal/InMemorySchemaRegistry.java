package dev.mephisto.codec.avro.internal;

import dev.mephisto.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;

/**
 * The registry behind {@code mock://scope}: one per scope name in the JVM, with Confluent's id
 * rules (one id per distinct schema across subjects, starting at 1), its error codes, and
 * compatibility checks on register (BACKWARD unless set otherwise).
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();
  private static final List<String> LEVELS = List.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE",
      "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

  private final String scope;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idBySchema = new HashMap<>();
  private final Map<String, List<Schema>> subjects = new HashMap<>();
  private volatile String compatibility = "BACKWARD";

  private InMemorySchemaRegistry(String scope) {
    this.scope = scope;
  }

  /**
   * @param scope the name after {@code mock://}
   * @return the scope's registry, created on first use
   */
  public static InMemorySchemaRegistry scope(String scope) {
    return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistry::new);
  }

  /** @param scope the scope to forget */
  public static void drop(String scope) {
    SCOPES.remove(scope);
  }

  /** @param level a compatibility level, e.g. {@code BACKWARD} */
  public void setCompatibility(String level) {
    String l = level.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(l)) {
      throw new ConfigurationException("Compatibility level '" + level + "' of mock://" + scope
          + " should be one of " + LEVELS);
    }
    compatibility = l;
  }

  @Override
  public int register(String subject, Schema schema) {
    lock.lock();
    try {
      List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
      if (versions.contains(schema)) {
        return idBySchema.get(schema);
      }
      List<String> problems = check(versions, schema);
      if (!problems.isEmpty()) {
        throw error("POST /subjects/" + subject + "/versions", 409, 409,
            "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\" (compatibility " + compatibility + "), details: " + problems);
      }
      Integer id = idBySchema.get(schema);
      if (id == null) {
        id = byId.size() + 1;
        byId.put(id, schema);
        idBySchema.put(schema, id);
      }
      versions.add(schema);
      return id;
    } finally {
      lock.unlock();
    }
  }

  private List<String> check(List<Schema> versions, Schema schema) {
    if (versions.isEmpty() || compatibility.equals("NONE")) {
      return List.of();
    }
    List<Schema> against = compatibility.endsWith("_TRANSITIVE")
        ? versions : List.of(versions.get(versions.size() - 1));
    boolean backward = !compatibility.startsWith("FORWARD");
    boolean forward = !compatibility.startsWith("BACKWARD");
    List<String> problems = new ArrayList<>();
    for (Schema old : against) {
      if (backward) {
        Incompatibilities.of(schema, old).forEach(p -> problems.add("new schema cannot read old: " + p));
      }
      if (forward) {
        Incompatibilities.of(old, schema).forEach(p -> problems.add("old schema cannot read new: " + p));
      }
    }
    return problems;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    lock.lock();
    try {
      List<Schema> versions = subjects.get(subject);
      if (versions == null || versions.isEmpty()) {
        throw error("POST /subjects/" + subject, 404, 40401, "Subject '" + subject + "' not found.");
      }
      if (!versions.contains(schema)) {
        throw error("POST /subjects/" + subject, 404, 40403, "Schema not found");
      }
      return idBySchema.get(schema);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Schema schemaById(int id) {
    lock.lock();
    try {
      Schema s = byId.get(id);
      if (s == null) {
        throw error("GET /schemas/ids/" + id, 404, 40403, "Schema " + id + " not found");
      }
      return s;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Registered latest(String subject) {
    lock.lock();
    try {
      List<Schema> versions = subjects.get(subject);
      if (versions == null || versions.isEmpty()) {
        throw error("GET /subjects/" + subject + "/versions/latest", 404, 40401,
            "Subject '" + subject + "' not found.");
      }
      Schema s = versions.get(versions.size() - 1);
      return new Registered(idBySchema.get(s), versions.size(), s);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String describe() {
    return "mock://" + scope;
  }

  private RegistryException error(String request, int status, int code, String message) {
    return new RegistryException("Schema registry '" + describe() + "' answered " + request
        + " with HTTP " + status + " (error code " + code + "): \"" + message + "\"", status, code);
  }
}
