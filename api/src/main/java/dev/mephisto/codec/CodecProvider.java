package dev.mephisto.codec;

import java.util.Map;

/**
 * Makes codecs of one name. Found through {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.mephisto.codec.CodecProvider}, or register it for one app with
 * {@code App.builder(id).codec(provider)}.
 *
 * <pre>{@code
 * public final class GzipCodecProvider implements CodecProvider {
 *   public String name() { return "gzip"; }
 *   public Codec create(Map<String, ?> config) { return new GzipCodec(); }
 * }
 * }</pre>
 *
 * <p>Providers are cheap: a public no-arg constructor and no I/O; real work happens in {@link
 * #create(Map)}.
 */
public interface CodecProvider {
  /** @return the codec's name in chains, lower-case, e.g. {@code "gzip"} */
  String name();

  /**
   * Decides between two providers of one name on the class path: the higher wins; a tie fails.
   *
   * @return the priority, 0 by default
   */
  default int priority() {
    return 0;
  }

  /**
   * @param config the app's codec configuration (e.g. {@code schema.registry.url}); may be empty
   * @return a thread-safe codec
   */
  Codec create(Map<String, ?> config);
}
