package dev.mephisto.bench.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One Jackson configuration shared by every implementation, so they pay the same codec cost. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectReader ORDER = MAPPER.readerFor(Order.class);
  private static final ObjectWriter SUMMARY = MAPPER.writerFor(Summary.class);

  private Json() {}

  /** @return the shared mapper */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * @param bytes JSON of an {@link Order}
   * @return the order
   */
  public static Order order(byte[] bytes) {
    try {
      return ORDER.readValue(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Input value is not an Order: " + e.getMessage(), e);
    }
  }

  /**
   * @param summary a summary
   * @return its JSON
   */
  public static byte[] summary(Summary summary) {
    try {
      return SUMMARY.writeValueAsBytes(summary);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + summary, e);
    }
  }
}
