package dev.mephisto.core.internal;

import dev.mephisto.MephistoException;
import dev.mephisto.internal.Redaction;
import java.util.IdentityHashMap;
import java.util.Map;

/** How failures read in one log line: the message and its causes, credentials redacted. */
public final class Failures {
  private static final int MAX_CAUSES = 4;

  private Failures() {}

  /**
   * @param t a failure
   * @return its message (with the exception's class where the message alone would not say what
   *     failed) followed by its causes' messages that it does not already contain
   */
  public static String describe(Throwable t) {
    StringBuilder b = new StringBuilder(text(t));
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    seen.put(t, true);
    Throwable c = t.getCause();
    for (int i = 0; c != null && i < MAX_CAUSES && seen.put(c, true) == null; i++) {
      String more = text(c);
      if (b.indexOf(more) < 0 && (c.getMessage() == null || b.indexOf(c.getMessage()) < 0)) {
        b.append("; caused by ").append(more);
      }
      c = c.getCause();
    }
    return Redaction.redactUrls(b.toString());
  }

  /**
   * @param t a failure
   * @return true if its message says all a person needs (Mephisto's own exceptions): no stack
   *     trace is logged at ERROR for it
   */
  public static boolean explained(Throwable t) {
    return t instanceof MephistoException && t.getMessage() != null;
  }

  private static String text(Throwable t) {
    if (t instanceof MephistoException && t.getMessage() != null) {
      return t.getMessage();
    }
    return t.toString();
  }
}
