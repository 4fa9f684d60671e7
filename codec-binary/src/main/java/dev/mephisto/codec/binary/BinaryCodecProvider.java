package dev.mephisto.codec.binary;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.binary.internal.Base64Codec;
import java.util.Map;

/**
 * Provides byte codec {@code binary}: base64 (standard alphabet, with padding), as Faust's {@code
 * binary} codec. Chained after a value codec it makes Faust's {@code "json|binary"} bytes:
 *
 * <pre>{@code
 * Codec codec = Codecs.get("json|binary");  // "binary|json" means the same: JSON, then base64
 * byte[] wire = codec.encode(new Purchase("ann", "EUR", 12.5));
 * }</pre>
 *
 * <p>Bytes that are not base64 fail to decode with a {@link dev.mephisto.CodecException}.
 */
public final class BinaryCodecProvider implements CodecProvider {
  /** Cheap, as every provider. */
  public BinaryCodecProvider() {}

  /** @return {@code "binary"} */
  @Override
  public String name() {
    return "binary";
  }

  /**
   * @param config ignored: base64 has no options
   * @return the shared, thread-safe base64 codec
   */
  @Override
  public Codec create(Map<String, ?> config) {
    return Base64Codec.INSTANCE;
  }
}
