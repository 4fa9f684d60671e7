package dev.mephisto.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages and logs: the user info of URLs ({@code
 * scheme://user:password@host}) is replaced with {@code ***}.
 */
public final class Redaction {
  // scheme://userinfo@ : user info is everything up to the last '@' before the path starts
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#\\s]*)@");

  private Redaction() {}

  /**
   * @param text a URL, a list of URLs, or a message that contains URLs
   * @return the text with the user info of every URL replaced by {@code ***}
   */
  public static String redactUrls(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    Matcher m = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "***@"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
