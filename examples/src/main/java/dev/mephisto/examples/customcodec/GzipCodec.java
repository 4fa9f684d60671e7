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
 */
public final class GzipCodec implements ByteCodec {
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
      return gzip.readAllBytes();
    } catch (IOException e) { // not gzip, or cut short: a CodecException, as every codec throws
      throw new CodecException("Cannot decode " + data.length + " bytes with 'gzip': they are not"
          + " gzip data (" + e.getMessage() + ")", e);
    }
  }
}
