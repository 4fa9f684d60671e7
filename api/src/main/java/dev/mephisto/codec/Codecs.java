package dev.mephisto.codec;

import dev.mephisto.ConfigurationException;
import dev.mephisto.internal.CodecChain;
import dev.mephisto.internal.ProviderRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Resolves codec chains such as {@code "json|binary"} from the {@link CodecProvider}s on the class
 * path and those registered for one app with {@code App.builder(id).codec(provider)}.
 *
 * <p>A chain holds at most one value codec and any number of {@link ByteCodec}s. On encode the
 * value codec runs first, wherever it is written, then the byte codecs in the order written;
 * decode runs the exact reverse. So {@code "json|binary"} and {@code "binary|json"} both mean
 * JSON, then base64. A chain of byte codecs alone encodes {@code byte[]} values. Every name is
 * resolved when the chain is built: an unknown name, or two value codecs, fail at once.
 *
 * <pre>{@code
 * Codec codec = Codecs.get("json|binary");
 * }</pre>
 */
public final class Codecs {
  private static final Map<String, String> ARTIFACTS = Map.of(
      "json", "dev.mephisto:mephisto-codec-json",
      "binary", "dev.mephisto:mephisto-codec-binary",
      "avro", "dev.mephisto:mephisto-codec-avro");
  private static volatile @Nullable Codecs global;

  private final ProviderRegistry<CodecProvider> registry;
  private final Map<String, ?> config;
  private final Map<String, Codec> chains = new ConcurrentHashMap<>();

  private Codecs(ProviderRegistry<CodecProvider> registry, Map<String, ?> config) {
    this.registry = registry;
    this.config = Map.copyOf(config);
  }

  /**
   * A resolver for one app: the discovered providers, then {@code extra}, each replacing same
   * names. There is no JVM-wide registration: a provider registered in code belongs to one app
   * ({@code App.builder(id).codec(provider)}).
   *
   * @param extra providers registered in code for this app
   * @param config codec configuration passed to every provider
   * @return a resolver that caches chains
   */
  public static Codecs create(Collection<? extends CodecProvider> extra, Map<String, ?> config) {
    return new Codecs(load(List.copyOf(extra)), config);
  }

  private static ProviderRegistry<CodecProvider> load(Collection<? extends CodecProvider> inCode) {
    return ProviderRegistry.load(
        CodecProvider.class, "codec", CodecProvider::name, CodecProvider::priority, inCode,
        name -> ARTIFACTS.containsKey(name)
            ? "add " + ARTIFACTS.get(name) + " or register one with App.builder(...).codec(...)"
            : "add the jar that provides it or register one with App.builder(...).codec(...)");
  }

  private static Codecs global() {
    Codecs g = global;
    if (g == null) {
      synchronized (Codecs.class) {
        g = global;
        if (g == null) {
          g = new Codecs(load(List.of()), Map.of());
          global = g;
        }
      }
    }
    return g;
  }

  /**
   * Resolves a chain with the providers on the class path and no configuration. Providers
   * registered for an app ({@code App.builder(id).codec(...)}) are not seen here.
   *
   * @param spec e.g. {@code "json"}, {@code "json|binary"}, {@code "raw"}
   * @return a thread-safe codec
   * @throws ConfigurationException for an unknown name or two value codecs
   */
  public static Codec get(String spec) {
    return global().resolve(spec);
  }

  /** @return the names of the codecs on the class path, sorted */
  public static List<String> names() {
    return global().known();
  }

  /**
   * Resolves a chain with this resolver's providers and configuration; chains are cached.
   *
   * @param spec e.g. {@code "json|binary"}
   * @return a thread-safe codec
   * @throws ConfigurationException for an unknown name or two value codecs
   */
  public Codec resolve(String spec) {
    Objects.requireNonNull(spec, "spec");
    Codec c = chains.get(spec);
    if (c == null) {
      c = build(spec);
      chains.putIfAbsent(spec, c);
    }
    return c;
  }

  /** @return the names this resolver knows, sorted */
  public List<String> known() {
    return registry.keys();
  }

  private Codec build(String spec) {
    String[] names = spec.split("\\|", -1);
    Codec value = null;
    String valueName = null;
    List<ByteCodec> bytes = new ArrayList<>();
    List<String> byteNames = new ArrayList<>();
    for (String raw : names) {
      String name = raw.trim();
      if (name.isEmpty()) {
        throw new ConfigurationException("Codec chain '" + spec
            + "' has an empty name; expected names separated by '|', e.g. 'json|binary'");
      }
      Codec codec = create(name, spec);
      if (codec instanceof ByteCodec b) {
        bytes.add(b);
        byteNames.add(name);
      } else if (value != null) {
        throw new ConfigurationException("Codec chain '" + spec + "' has two value codecs, '"
            + valueName + "' and '" + name + "'; a chain holds at most one value codec and any "
            + "number of byte codecs (such as 'binary')");
      } else {
        value = codec;
        valueName = name;
      }
    }
    return new CodecChain(spec, value, valueName, bytes, byteNames);
  }

  private Codec create(String name, String spec) {
    CodecProvider p = registry.get(name, "in '" + spec + "'");
    Codec codec;
    try {
      codec = p.create(config);
    } catch (RuntimeException e) {
      throw new ConfigurationException("Codec '" + name + "' in '" + spec
          + "' could not be created by " + p.getClass().getName() + ": " + e.getMessage(), e);
    }
    if (codec == null) {
      throw new ConfigurationException(
          "Codec provider " + p.getClass().getName() + " returned null for '" + name + "'");
    }
    return codec;
  }
}
