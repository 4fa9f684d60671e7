package dev.mephisto.examples.customcodec;

import dev.mephisto.CodecException;
import dev.mephisto.codec.ByteCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A byte codec: it compresses the bytes the value codec wrote, so {@code "json|gzip"} means JSON,
 * then gzip. Byte codecs see only bytes, never the value.
 *
 * <p>Anyone who can write to a topic chooses the bytes this codec decompresses, and a 1 MB gzip
 * member can inflate to 1 GB. So decoding stops at {@code maxDecodedBytes} and fails with a
 * {@link CodecException} (which sends the record to the dead-letter topic) instead of running out
 * of memory: every decoder must bound what one message can cost.
 */
public final class GzipCodec implements ByteCodec {
  private final int maxDecodedBytes;

  /** @param maxDecodedBytes the most bytes one message may decompress to */
  public GzipCodec(int maxDecodedBytes) {
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public byte[] encodeBytes(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 32);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) { // memory streams do not fail; keep the codec's one exception type
      throw new CodecException("Cannot gzip " + data.length + " bytes: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  @Override
  public byte[] decodeBytes(byte[] data) {
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
      byte[] out = gzip.readNBytes(maxDecodedBytes); // grows in chunks: never more than the cap
      if (gzip.read() != -1) {
        throw new CodecException("Cannot decode " + data.length + " bytes with 'gzip': they"
            + " decompress to more than " + maxDecodedBytes + " bytes, the limit set by codec"
            + " setting '" + GzipCodecProvider.MAX_DECODED_BYTES + "'; raise it if such messages"
            + " are expected");
      }
      return out;
    } catch (IOException e) { // not gzip, or cut short: a CodecException, as every codec throws
      throw new CodecException("Cannot decode " + data.length + " bytes with 'gzip': they are not"
          + " gzip data (" + e.getMessage() + ")", e);
    }
  }
}
