package dev.mephisto.internal;

import dev.mephisto.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loading rules every Mephisto SPI shares: providers found through {@link ServiceLoader} are
 * deduplicated by class, each provider's failure is isolated and remembered, two classes claiming
 * one key fail unless {@code priority()} decides, and providers registered in code replace
 * discovered ones.
 *
 * @param <P> the provider type
 */
public final class ProviderRegistry<P> {
  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

  private final String kind;
  private final Function<P, String> key;
  private final Map<String, P> byKey;
  private final List<String> failures;
  private final Function<String, String> remedy;

  private ProviderRegistry(
      String kind, Function<P, String> key, Map<String, P> byKey, List<String> failures,
      Function<String, String> remedy) {
    this.kind = kind;
    this.key = key;
    this.byKey = byKey;
    this.failures = failures;
    this.remedy = remedy;
  }

  /**
   * Discovers providers and builds the registry.
   *
   * @param type the SPI interface
   * @param kind a word for messages: "codec", "store", "stream operator"
   * @param key the provider's stable key
   * @param priority the provider's priority (higher wins a key)
   * @param inCode providers registered in code, replacing discovered ones
   * @param remedy for an unknown key, the sentence that says what to add
   * @return the registry
   * @param <P> provider type
   */
  public static <P> ProviderRegistry<P> load(
      Class<P> type,
      String kind,
      Function<P, String> key,
      ToIntFunction<P> priority,
      Collection<? extends P> inCode,
      Function<String, String> remedy) {
    List<String> failures = new ArrayList<>();
    Map<Class<?>, P> byClass = new LinkedHashMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = type.getClassLoader();
    }
    Iterator<ServiceLoader.Provider<P>> it = ServiceLoader.load(type, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<P> candidate;
      try {
        if (!it.hasNext()) {
          break;
        }
        candidate = it.next();
      } catch (ServiceConfigurationError e) {
        failures.add(e.getMessage() + causes(e));
        log.warn("A {} provider could not be loaded: {}", kind, e.getMessage());
        continue;
      }
      if (byClass.containsKey(candidate.type())) {
        continue; // the same jar twice on the class path is not a conflict
      }
      try {
        byClass.put(candidate.type(), candidate.get());
      } catch (ServiceConfigurationError | RuntimeException e) {
        String msg = candidate.type().getName() + ": " + e.getMessage() + causes(e);
        failures.add(msg);
        log.warn("The {} provider {} could not be created", kind, candidate.type().getName(), e);
      }
    }
    Map<String, P> registered = new TreeMap<>();
    for (P p : inCode) {
      registered.put(checkedKey(kind, key, p), p);
    }
    Map<String, List<P>> claims = new TreeMap<>();
    for (P p : byClass.values()) {
      claims.computeIfAbsent(checkedKey(kind, key, p), k -> new ArrayList<>()).add(p);
    }
    Map<String, P> byKey = new TreeMap<>();
    // a key registered in code needs no decision between discovered claimants, even a tie
    claims.forEach((k, ps) -> {
      if (!registered.containsKey(k)) {
        byKey.put(k, choose(kind, k, ps, priority));
      }
    });
    byKey.putAll(registered);
    log.debug("{} providers: {}", kind, describe(byKey));
    return new ProviderRegistry<>(kind, key, byKey, List.copyOf(failures), remedy);
  }

  /** The causes a ServiceConfigurationError hides, such as the constructor's exception. */
  private static String causes(Throwable e) {
    StringBuilder sb = new StringBuilder();
    Throwable c = e.getCause();
    for (int depth = 0; c != null && depth < 5; depth++, c = c.getCause()) {
      sb.append("; caused by ").append(c);
    }
    return sb.toString();
  }

  private static <P> String checkedKey(String kind, Function<P, String> key, P p) {
    String k = key.apply(p);
    if (k == null || !k.matches("[a-z][a-z0-9_.+-]*")) {
      throw new ConfigurationException("The " + kind + " provider " + p.getClass().getName()
          + " has the key '" + k + "' but it should be lower-case letters, digits, '_', '.', '+' or '-'");
    }
    return k;
  }

  private static <P> P choose(String kind, String key, List<P> ps, ToIntFunction<P> priority) {
    if (ps.size() == 1) {
      return ps.get(0);
    }
    List<P> sorted = new ArrayList<>(ps);
    sorted.sort(Comparator.comparingInt(priority).reversed());
    if (priority.applyAsInt(sorted.get(0)) == priority.applyAsInt(sorted.get(1))) {
      throw new ConfigurationException("Two " + kind + " providers claim the name '" + key + "': "
          + sorted.stream().map(p -> p.getClass().getName() + " (priority " + priority.applyAsInt(p) + ")").toList()
          + "; remove one jar from the class path, give one a higher priority(), "
          + "or register the one you want in code");
    }
    log.debug("{} '{}': {} wins by priority over {}", kind, key,
        sorted.get(0).getClass().getName(), sorted.subList(1, sorted.size()));
    return sorted.get(0);
  }

  private static <P> Map<String, String> describe(Map<String, P> byKey) {
    Map<String, String> m = new TreeMap<>();
    byKey.forEach((k, p) -> m.put(k, p.getClass().getName()));
    return m;
  }

  /**
   * @param k a key
   * @return the provider for it, if any
   */
  public Optional<P> find(String k) {
    return Optional.ofNullable(byKey.get(k));
  }

  /**
   * @param k a key
   * @param context where the key was written, for the message (e.g. "in 'avro|binary'")
   * @return the provider
   * @throws ConfigurationException naming the known keys and what to add
   */
  public P get(String k, String context) {
    P p = byKey.get(k);
    if (p == null) {
      StringBuilder sb = new StringBuilder("Unknown ").append(kind).append(" '").append(k).append('\'');
      if (!context.isEmpty()) {
        sb.append(' ').append(context);
      }
      sb.append("; available: ").append(byKey.keySet());
      closest(k).ifPresent(c -> sb.append("; did you mean '").append(c).append("'?"));
      sb.append("; ").append(remedy.apply(k));
      if (!failures.isEmpty()) {
        sb.append("; providers that failed to load: ").append(failures);
      }
      throw new ConfigurationException(sb.toString());
    }
    return p;
  }

  /** @return the known keys, sorted */
  public List<String> keys() {
    return List.copyOf(byKey.keySet());
  }

  /** @return the providers, by key */
  public Map<String, P> all() {
    return Map.copyOf(byKey);
  }

  /** @return the failures met while loading, one line each */
  public List<String> failures() {
    return failures;
  }

  /**
   * @param extra providers registered in code
   * @return a registry with these added (replacing same keys)
   */
  public ProviderRegistry<P> with(Collection<? extends P> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    Map<String, P> m = new TreeMap<>(byKey);
    for (P p : extra) {
      m.put(checkedKey(kind, key, p), p);
    }
    return new ProviderRegistry<>(kind, key, m, failures, remedy);
  }

  private Optional<String> closest(String k) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : byKey.keySet()) {
      int d = distance(k, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= 2 ? Optional.ofNullable(best) : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
