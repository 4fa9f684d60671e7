package dev.mephisto.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {
  private static byte[] hex(String h) {
    return HexFormat.ofDelimiter(" ").parseHex(h);
  }

  private static boolean jdkAccepts(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void rejectsOverlongFormsThatLenientDecodersTurnIntoSlashAndNul() {
    assertEquals(0, StrictUtf8.firstInvalid(hex("c0 af"), 0, 2));
    assertEquals(2, StrictUtf8.firstInvalid(hex("41 42 c0 80 43"), 0, 5));
    assertEquals(0, StrictUtf8.firstInvalid(hex("e0 80 af"), 0, 3));
    assertEquals(0, StrictUtf8.firstInvalid(hex("f0 80 80 af"), 0, 4));
    assertTrue(StrictUtf8.describe(hex("c0 af"), 0, 2).contains("overlong"));
  }

  @Test
  void rejectsSurrogatesCodePointsAboveTheMaximumAndCutSequences() {
    assertEquals(0, StrictUtf8.firstInvalid(hex("ed a0 80"), 0, 3));
    assertEquals(0, StrictUtf8.firstInvalid(hex("f4 90 80 80"), 0, 4));
    assertEquals(0, StrictUtf8.firstInvalid(hex("f5 80 80 80"), 0, 4));
    assertEquals(1, StrictUtf8.firstInvalid(hex("41 e2 82"), 0, 3));
    assertEquals(0, StrictUtf8.firstInvalid(hex("80"), 0, 1));
    assertTrue(StrictUtf8.describe(hex("ed a0 80"), 0, 3).contains("surrogate"));
  }

  @Test
  void acceptsEveryWellFormedText() {
    String text = "plain ascii, then é ü ß € 日本 🎉 and U+10FFFF \udbff\udfff";
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, StrictUtf8.firstInvalid(b, 0, b.length));
    assertEquals(text, StrictUtf8.decode(b, 0, b.length));
    assertEquals(-1, StrictUtf8.firstInvalid(new byte[0], 0, 0));
  }

  @Test
  void checksOnlyTheGivenRange() {
    byte[] b = hex("c0 41 42 43 44 45 46 47 48 49 c0");
    assertEquals(-1, StrictUtf8.firstInvalid(b, 1, 9));
    assertEquals(10, StrictUtf8.firstInvalid(b, 1, 10));
    assertThrows(IndexOutOfBoundsException.class, () -> StrictUtf8.firstInvalid(b, 5, 10));
    assertThrows(IllegalArgumentException.class, () -> StrictUtf8.decode(b, 0, 2));
  }

  @Test
  void agreesWithTheJdksStrictDecoderOnRandomBytes() {
    SplittableRandom random = new SplittableRandom(42);
    for (int n = 0; n < 200_000; n++) {
      byte[] b = new byte[random.nextInt(1, 24)];
      for (int i = 0; i < b.length; i++) {
        // mostly ASCII and lead/continuation bytes, where the edge cases are
        int r = random.nextInt(4);
        b[i] = (byte) (r == 0 ? random.nextInt(0x80) : r == 1 ? 0x80 + random.nextInt(0x40)
            : 0xc0 + random.nextInt(0x40));
      }
      boolean strict = StrictUtf8.firstInvalid(b, 0, b.length) < 0;
      assertEquals(jdkAccepts(b), strict, () -> HexFormat.ofDelimiter(" ").formatHex(b));
    }
  }
}
