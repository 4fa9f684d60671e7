package dev.mephisto.core.internal;

import dev.mephisto.internal.Redaction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record on its way to a dead-letter topic: its original headers (with {@code mephisto.dlq.*}
 * renamed {@code mephisto.dlq.original.*}, so a producer cannot forge the real ones), the real
 * {@code mephisto.dlq.*} headers, and the shapes it takes while the broker refuses it as too
 * large: value halved until it fits, then without key and original headers.
 */
final class DeadLetter {
  static final String ORIGINAL = AppServices.DLQ_HEADER + "original.";
  static final String DROPPED_HEADER = AppServices.DLQ_HEADER + "dropped";
  private static final int TEXT_FULL = 8192;
  private static final int TEXT_CUT = 1024;
  private static final int TEXT_BARE = 256;

  /** What is sent. */
  record Shape(byte[] key, byte[] value, Headers headers) {}

  private final ConsumerRecord<byte[], byte[]> record;
  private final String agent;
  private final Throwable error;
  private final String trace;
  private int valueLimit = -1;
  private int textLimit = TEXT_FULL;
  private boolean bare;

  DeadLetter(ConsumerRecord<byte[], byte[]> record, String agent, Throwable error) {
    this.record = record;
    this.agent = agent;
    this.error = error;
    StringWriter w = new StringWriter();
    error.printStackTrace(new PrintWriter(w));
    this.trace = w.toString();
  }

  Shape shape() {
    Headers h = new RecordHeaders();
    if (!bare) {
      for (Header original : record.headers()) {
        String k = original.key();
        if (k.startsWith(AppServices.DLQ_HEADER) && !k.startsWith(ORIGINAL)) {
          k = ORIGINAL + k.substring(AppServices.DLQ_HEADER.length());
        }
        h.add(k, original.value());
      }
    }
    String p = AppServices.DLQ_HEADER;
    h.add(p + "topic", utf8(record.topic()));
    h.add(p + "partition", utf8(Integer.toString(record.partition())));
    h.add(p + "offset", utf8(Long.toString(record.offset())));
    h.add(p + "timestamp", utf8(Long.toString(record.timestamp())));
    h.add(p + "agent", utf8(agent));
    h.add(p + "exception", utf8(error.getClass().getName()));
    h.add(p + "message", cut(Redaction.redactUrls(String.valueOf(error.getMessage())), textLimit));
    h.add(p + "stacktrace", cut(Redaction.redactUrls(trace), textLimit));
    byte[] value = record.value();
    if (valueLimit >= 0 && value != null && value.length > valueLimit) {
      h.add(AppServices.TRUNCATED_HEADER, utf8(Integer.toString(value.length)));
      value = Arrays.copyOf(value, valueLimit);
    }
    if (bare) {
      h.add(DROPPED_HEADER, utf8("key and original headers"));
    }
    return new Shape(bare ? null : record.key(), value, h);
  }

  /**
   * Makes the next shape smaller: cut texts and halve the value, then drop key and headers.
   *
   * @return false if nothing is left to cut
   */
  boolean shrink() {
    if (bare) {
      return false;
    }
    textLimit = TEXT_CUT;
    int length = record.value() == null ? 0 : record.value().length;
    int kept = valueLimit < 0 ? length : valueLimit;
    if (kept > 0) {
      valueLimit = kept / 2;
      return true;
    }
    bare = true;
    textLimit = TEXT_BARE;
    return true;
  }

  /** @return empty, or what was cut, for the log line */
  String cutNote() {
    if (valueLimit < 0) {
      return "";
    }
    int length = record.value() == null ? 0 : record.value().length;
    return " (too large for the topic: value cut from " + length + " to " + valueLimit
        + " bytes" + (bare ? ", key and original headers dropped" : "") + ")";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The text's UTF-8 bytes, cut at a character boundary to at most {@code max} bytes. */
  static byte[] cut(String s, int max) {
    byte[] b = utf8(s);
    if (b.length <= max) {
      return b;
    }
    int n = max;
    while (n > 0 && (b[n] & 0xC0) == 0x80) {
      n--;
    }
    return Arrays.copyOf(b, n);
  }
}
