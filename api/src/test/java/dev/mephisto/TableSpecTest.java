package dev.mephisto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableSpecTest {
  @SuppressWarnings("unchecked")
  private static final Class<List<String>> LIST = (Class<List<String>>) (Class<?>) List.class;

  @Test
  void aSupplierDefaultIsKeptByEveryCopyAndMakesAFreshValueEachTime() {
    TableSpec<String, List<String>> spec = TableSpec.of("seen", String.class, LIST)
        .withDefault(ArrayList::new).withPartitions(3).withHelp("h").withStandbyReplicas(0);
    assertTrue(spec.hasDefault());
    assertEquals(Optional.empty(), spec.defaultValue());
    List<String> first = spec.defaultSupplier().orElseThrow().get();
    first.add("x");
    List<String> second = spec.defaultSupplier().orElseThrow().get();
    assertNotSame(first, second);
    assertEquals(List.of(), second);
  }

  @Test
  void aValueDefaultReplacesASupplierAndTheOtherWayRound() {
    TableSpec<String, Long> spec = TableSpec.of("n", String.class, Long.class);
    assertFalse(spec.hasDefault());
    TableSpec<String, Long> value = spec.withDefault(() -> 1L).withDefault(0L);
    assertEquals(Optional.of(0L), value.defaultValue());
    assertTrue(value.defaultSupplier().isEmpty());
    TableSpec<String, Long> supplied = value.withDefault(() -> 7L);
    assertTrue(supplied.defaultValue().isEmpty());
    assertEquals(7L, supplied.defaultSupplier().orElseThrow().get());
  }
}
