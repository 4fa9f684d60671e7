package dev.mephisto.core.internal.timer;

import dev.mephisto.ConfigurationException;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) with {@code *},
 * lists, ranges and steps, as Faust's {@code crontab}. Day-of-week 0 and 7 are Sunday. When both
 * day fields are restricted, a day matching either fires (as classic cron).
 */
public final class Cron {
  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean daysRestricted;
  private final boolean weekdaysRestricted;

  private Cron(String expression, String[] f) {
    this.expression = expression;
    this.minutes = field(f[0], 0, 59, "minute");
    this.hours = field(f[1], 0, 23, "hour");
    this.days = field(f[2], 1, 31, "day of month");
    this.months = field(f[3], 1, 12, "month");
    BitSet wd = field(f[4], 0, 7, "day of week");
    if (wd.get(7)) {
      wd.set(0);
    }
    this.weekdays = wd;
    this.daysRestricted = !f[2].equals("*");
    this.weekdaysRestricted = !f[4].equals("*");
  }

  /**
   * @param expression e.g. {@code "*}{@code /5 * * * *"}
   * @return the parsed expression
   * @throws ConfigurationException naming the field and what is allowed
   */
  public static Cron parse(String expression) {
    String[] f = expression.trim().split("\\s+");
    if (f.length != 5) {
      throw new ConfigurationException("Cron expression '" + expression + "' has " + f.length
          + " fields but it should have 5: minute hour day-of-month month day-of-week");
    }
    return new Cron(expression, f);
  }

  private BitSet field(String spec, int min, int max, String name) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), name);
        range = part.substring(0, slash);
        if (step < 1) {
          throw bad(name, part, min, max);
        }
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = max;
      } else if (range.contains("-")) {
        String[] ab = range.split("-", 2);
        lo = number(ab[0], name);
        hi = number(ab[1], name);
      } else {
        lo = number(range, name);
        hi = slash >= 0 ? max : lo;
      }
      if (lo < min || hi > max || lo > hi) {
        throw bad(name, part, min, max);
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private ConfigurationException bad(String name, String part, int min, int max) {
    return new ConfigurationException("Cron expression '" + expression + "': " + name + " '" + part
        + "' is out of range; expected values from " + min + " to " + max);
  }

  private int number(String s, String name) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ConfigurationException("Cron expression '" + expression + "': " + name + " '" + s
          + "' is not a number; expected *, a number, a range a-b, a list or a step */n", e);
    }
  }

  /**
   * @param after a time
   * @return the first minute strictly after it that matches
   */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
        continue;
      }
      if (!dayMatches(t)) {
        t = t.withHour(0).withMinute(0).plusDays(1);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return t;
    }
    throw new ConfigurationException("Cron expression '" + expression + "' never fires");
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = days.get(t.getDayOfMonth());
    DayOfWeek dow = t.getDayOfWeek();
    boolean wd = weekdays.get(dow.getValue() % 7);
    if (daysRestricted && weekdaysRestricted) {
      return dom || wd;
    }
    return dom && wd;
  }

  @Override
  public String toString() {
    return expression;
  }
}
