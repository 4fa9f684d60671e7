package dev.mephisto.codec.avro.internal;

import java.util.regex.Pattern;

/** Keeps credentials out of messages and logs: every URL is printed without its user info. */
final class Urls {
  /** The user info of each URL in a text: between "scheme://" and the authority's last '@'. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#\\s]*@");

  private Urls() {}

  /**
   * @param text one URL, a comma-separated list, or any text holding URLs
   * @return the text with each URL's {@code user:password@} replaced by {@code ***@}
   */
  static String redact(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("***@");
  }
}
