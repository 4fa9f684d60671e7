package dev.mephisto.harness;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the command line: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO {@code PT10S}. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private Durations() {}

  /**
   * @param text e.g. {@code 10s}
   * @param what the option, for the message
   * @return the duration
   * @throws IllegalArgumentException naming the option, the value and the accepted forms
   */
  public static Duration parse(String text, String what) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      double millis = switch (m.group(2)) {
        case "ms" -> n;
        case "s" -> n * 1_000;
        case "m" -> n * 60_000;
        default -> n * 3_600_000;
      };
      return Duration.ofMillis(Math.round(millis));
    }
    try {
      Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // the message below says what is accepted
    }
    throw new IllegalArgumentException(what + " was '" + text
        + "' but it should be a duration such as 500ms, 10s, 2m, 1h or PT10S");
  }

  /**
   * @param d a duration
   * @return it in seconds with one decimal, e.g. {@code 12.3 s}
   */
  public static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
