package dev.mephisto.core.internal.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static ZonedDateTime at(String iso) {
    return ZonedDateTime.parse(iso + "Z[UTC]");
  }

  @Test
  void everyFiveMinutes() {
    assertEquals(at("2026-11-22T10:05:00"), Cron.parse("*/5 * * * *").next(at("2026-11-22T10:01:30")));
    assertEquals(at("2026-11-22T10:10:00"), Cron.parse("*/5 * * * *").next(at("2026-11-22T10:05:00")));
  }

  @Test
  void dailyAtAFixedTimeRollsOverToTheNextDay() {
    assertEquals(at("2026-11-23T06:30:00"), Cron.parse("30 6 * * *").next(at("2026-11-22T07:00:00")));
  }

  @Test
  void weekdaysAndRangesAndLists() {
    // 2026-11-22 is a Sunday: the next Monday-to-Friday 9:00 is Monday the 23rd
    assertEquals(at("2026-11-23T09:00:00"), Cron.parse("0 9 * * 1-5").next(at("2026-11-22T12:00:00")));
    assertEquals(at("2026-11-22T12:15:00"), Cron.parse("0,15,45 * * * *").next(at("2026-11-22T12:00:00")));
    assertEquals(at("2026-11-29T00:00:00"), Cron.parse("0 0 * * 7").next(at("2026-11-22T00:00:00")));
  }

  @Test
  void dayOfMonthOrDayOfWeekWhenBothAreRestricted() {
    // the 1st of the month or any Friday, whichever comes first
    assertEquals(at("2026-11-27T00:00:00"), Cron.parse("0 0 1 * 5").next(at("2026-11-22T00:00:00")));
  }

  @Test
  void leapDay() {
    assertEquals(at("2028-02-29T00:00:00"), Cron.parse("0 0 29 2 *").next(at("2026-03-01T00:00:00")));
  }

  @Test
  void invalidExpressionsNameTheField() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Cron.parse("61 * * * *"));
    assertTrue(e.getMessage().contains("minute '61' is out of range; expected values from 0 to 59"), e::getMessage);
    e = assertThrows(ConfigurationException.class, () -> Cron.parse("* * *"));
    assertTrue(e.getMessage().contains("has 3 fields but it should have 5"), e::getMessage);
    e = assertThrows(ConfigurationException.class, () -> Cron.parse("* x * * *"));
    assertTrue(e.getMessage().contains("hour 'x' is not a number"), e::getMessage);
  }

  @Test
  void timeZoneIsRespected() {
    ZonedDateTime berlin = ZonedDateTime.of(2026, 11, 22, 8, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    ZonedDateTime next = Cron.parse("0 9 * * *").next(berlin);
    assertEquals(9, next.getHour());
    assertEquals(at("2026-11-22T08:00:00"), next.withZoneSameInstant(UTC));
  }
}
