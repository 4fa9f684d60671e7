package dev.mephisto.codec.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mephisto.CodecException;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Longs and Integers (table counts) are written and read without a Jackson generator or parser
 * when the text is a plain integer: the same bytes and values as Jackson's, and every other text
 * still goes through Jackson with its errors.
 */
class JsonIntegerFastPathTest {
  private static final Codec JSON = Codecs.get("json");
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheDigitsJacksonWrites() throws Exception {
    Random random = new Random(20261202);
    long[] edges = {0, 1, -1, 9, 10, -10, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE, 999_999_999_999_999_999L, -999_999_999_999_999_999L};
    for (long v : edges) {
      assertArrayEquals(PLAIN.writeValueAsBytes(v), JSON.encode(v), "long " + v);
      assertEquals(v, JSON.decode(JSON.encode(v), Long.class));
    }
    for (int k = 0; k < 10_000; k++) {
      long v = random.nextLong() >> random.nextInt(64);
      int i = (int) v;
      assertArrayEquals(PLAIN.writeValueAsBytes(v), JSON.encode(v), "long " + v);
      assertEquals(v, JSON.decode(JSON.encode(v), Long.class));
      assertArrayEquals(PLAIN.writeValueAsBytes(i), JSON.encode(i), "int " + i);
      assertEquals(i, JSON.decode(JSON.encode(i), Integer.class));
    }
  }

  @Test
  void readsWhatJacksonReadsAndRefusesWhatItRefuses() {
    assertEquals(0L, JSON.decode(bytes("-0"), Long.class));
    assertEquals(42L, JSON.decode(bytes(" 42\n"), Long.class), "whitespace: Jackson's path");
    assertEquals(Long.MAX_VALUE, JSON.decode(bytes("9223372036854775807"), Long.class));
    assertEquals(Long.MIN_VALUE, JSON.decode(bytes("-9223372036854775808"), Long.class));
    assertEquals(2_147_483_648L, JSON.decode(bytes("2147483648"), Long.class));
    for (String bad : new String[] {"", "-", "007", "-01", "1.5", "12a", "\"42\"", "null", "+1",
        "9223372036854775808"}) {
      assertThrows(CodecException.class, () -> JSON.decode(bytes(bad), Long.class), bad);
    }
    for (String bad : new String[] {"2147483648", "-2147483649", "1.0", "\"1\""}) {
      assertThrows(CodecException.class, () -> JSON.decode(bytes(bad), Integer.class), bad);
    }
  }
}
