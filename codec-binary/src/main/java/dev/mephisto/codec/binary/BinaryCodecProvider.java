package dev.mephisto.codec.binary;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.CodecSettings;
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
 * <p>Bytes that are not base64 fail to decode with a {@link dev.mephisto.CodecException}, and so
 * does a message that would decode to more than {@code binary.max.decoded.bytes} (default 16 MiB,
 * checked before anything is allocated).
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
   * @param config {@code binary.max.decoded.bytes}, the most bytes one message may decode to
   * @return a thread-safe base64 codec
   */
  @Override
  public Codec create(Map<String, ?> config) {
    int max = CodecSettings.positiveInt(config, Base64Codec.MAX_DECODED_BYTES,
        Base64Codec.DEFAULT_MAX_DECODED_BYTES);
    return max == Base64Codec.DEFAULT_MAX_DECODED_BYTES ? Base64Codec.DEFAULT : new Base64Codec(max);
  }
}
