package dev.mephisto.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  private final Await fast = Await.atMost(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(5));

  @Test
  void returnsFirstValueThatMeetsTheCondition() {
    AtomicInteger polls = new AtomicInteger();
    int value = fast.until("counter reaches 3", polls::incrementAndGet, n -> n >= 3);
    assertEquals(3, value);
  }

  @Test
  void failsWithDescriptionTimeoutAndLastValue() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> fast.until("value is 2", () -> 1, n -> n == 2));
    assertTrue(e.getMessage().contains("value is 2"), e.getMessage());
    assertTrue(e.getMessage().contains("PT0.3S"), e.getMessage());
    assertTrue(e.getMessage().contains("last value: '1'"), e.getMessage());
  }

  @Test
  void booleanConditionFailsWithItsDescription() {
    AssertionError e = assertThrows(AssertionError.class, () -> fast.until("never true", () -> false));
    assertTrue(e.getMessage().contains("never true"), e.getMessage());
  }

  @Test
  void propagatesSupplierExceptionByDefault() {
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> fast.until("anything", () -> { throw boom; }, x -> true));
    assertSame(boom, thrown);
  }

  @Test
  void ignoringExceptionsRetriesUntilSupplierSucceeds() {
    AtomicInteger polls = new AtomicInteger();
    int value =
        fast.ignoringExceptions()
            .until(
                "third poll succeeds",
                () -> {
                  if (polls.incrementAndGet() < 3) {
                    throw new IllegalStateException("not yet");
                  }
                  return polls.get();
                },
                n -> true);
    assertEquals(3, value);
  }

  @Test
  void timeoutAfterIgnoredExceptionsReportsTheLastOne() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> fast.ignoringExceptions()
                .until("broker answers", () -> { throw new IllegalStateException("refused"); }, x -> true));
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
    assertTrue(e.getCause() instanceof IllegalStateException);
  }

  @Test
  void rejectsNonPositivePollInterval() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Await.defaults().pollInterval(Duration.ZERO));
    assertTrue(e.getMessage().contains("'PT0S'"), e.getMessage());
  }
}
