package dev.mephisto.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  private static ConsumerRecord<byte[], byte[]> record(byte[] value, Headers headers) {
    return new ConsumerRecord<>("orders", 3, 1042, 0L, TimestampType.CREATE_TIME, -1, -1,
        "k".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
  }

  private static String text(Headers h, String name) {
    Header last = h.lastHeader(name);
    return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
  }

  @Test
  void incomingDeadLetterHeadersAreRenamedAndTheRealOnesAddedOnce() {
    Headers in = new RecordHeaders();
    in.add("mephisto.dlq.topic", "forged".getBytes(StandardCharsets.UTF_8));
    in.add("mephisto.dlq.original.agent", "older".getBytes(StandardCharsets.UTF_8));
    in.add("trace", "t".getBytes(StandardCharsets.UTF_8));
    Headers out = new DeadLetter(record(new byte[] {1}, in), "counter",
        new CodecException("bad")).shape().headers();
    List<String> topics = new ArrayList<>();
    out.headers("mephisto.dlq.topic").forEach(h -> topics.add(new String(h.value(), StandardCharsets.UTF_8)));
    assertEquals(List.of("orders"), topics);
    assertEquals("forged", text(out, "mephisto.dlq.original.topic"));
    assertEquals("older", text(out, "mephisto.dlq.original.agent"), "already original: kept as is");
    assertEquals("t", text(out, "trace"));
    assertEquals("1042", text(out, "mephisto.dlq.offset"));
  }

  @Test
  void shrinkingHalvesTheValueThenDropsKeyAndHeaders() {
    byte[] value = new byte[1000];
    Headers in = new RecordHeaders();
    in.add("big", new byte[500]);
    DeadLetter letter = new DeadLetter(record(value, in), "counter", new IllegalStateException("x"));
    assertEquals(1000, letter.shape().value().length);
    assertNull(letter.shape().headers().lastHeader("mephisto.dlq.value-truncated"));
    List<Integer> lengths = new ArrayList<>();
    while (letter.shrink()) {
      DeadLetter.Shape s = letter.shape();
      lengths.add(s.value().length);
      assertEquals("1000", text(s.headers(), "mephisto.dlq.value-truncated"));
      assertTrue(s.headers().lastHeader("mephisto.dlq.stacktrace").value().length <= 1024);
    }
    assertEquals(List.of(500, 250, 125, 62, 31, 15, 7, 3, 1, 0, 0), lengths);
    DeadLetter.Shape bare = letter.shape();
    assertNull(bare.key());
    assertNull(bare.headers().lastHeader("big"));
    assertEquals("key and original headers", text(bare.headers(), "mephisto.dlq.dropped"));
    assertFalse(letter.shrink(), "nothing left to cut");
  }

  @Test
  void credentialsInTheFailureAreRedacted() {
    Headers out = new DeadLetter(record(new byte[0], new RecordHeaders()), "a",
        new CodecException("registry 'https://ann:s3cret@reg:8081' answered 500")).shape().headers();
    assertEquals("registry 'https://***@reg:8081' answered 500", text(out, "mephisto.dlq.message"));
    assertFalse(text(out, "mephisto.dlq.stacktrace").contains("s3cret"));
  }

  @Test
  void textIsCutAtACharacterBoundary() {
    byte[] cut = DeadLetter.cut("ééé", 5); // 2 bytes each
    assertEquals("éé", new String(cut, StandardCharsets.UTF_8));
  }
}
