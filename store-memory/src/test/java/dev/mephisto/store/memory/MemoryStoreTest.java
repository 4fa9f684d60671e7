package dev.mephisto.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.ConfigurationException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {
  private static final StoreSpec SPEC = new StoreSpec("app", "counts", 0);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void countIsExactAfterOverwritesDeletesAndTombstones() {
    try (Store store = new MemoryStoreProvider().open(URI.create("memory://?"), SPEC)) {
      store.put(b("a"), b("1"));
      store.put(b("a"), b("2"));
      store.put(b("b"), b("1"));
      store.delete(b("b"));
      store.delete(b("b"));
      store.applyChangelog(List.of(
          new ChangelogRecord(b("c"), b("1"), 0), new ChangelogRecord(b("c"), null, 1),
          new ChangelogRecord(b("c"), null, 2), new ChangelogRecord(b("d"), b("1"), 3)));
      assertEquals(2, store.approximateCount());
    }
  }

  @Test
  void iteratorToleratesWritesFromTheIteratingThread() {
    try (Store store = new MemoryStoreProvider().open(URI.create("memory://?"), SPEC)) {
      for (int i = 0; i < 100; i++) {
        store.put(new byte[] {(byte) i}, b("v"));
      }
      List<Integer> seen = new ArrayList<>();
      try (StoreIterator it = store.all()) {
        while (it.hasNext()) {
          byte[] key = it.next().key();
          seen.add((int) key[0]);
          store.delete(key);
          store.put(new byte[] {(byte) (key[0] + 100)}, b("v"));
        }
      }
      // weakly consistent: keys added ahead of the cursor may show up, none is repeated
      assertEquals(seen.stream().distinct().count(), seen.size());
      assertTrue(seen.size() >= 100);
    }
  }

  @Test
  void eachOpenReturnsANewEmptyStoreThatDoesNotPersist() {
    Stores stores = Stores.create(List.of());
    Store first = stores.open("memory://", SPEC);
    first.put(b("a"), b("1"));
    first.checkpoint(5);
    Store second = stores.open("memory://", SPEC);
    assertNotSame(first, second);
    assertFalse(second.get(b("a")).isPresent());
    assertFalse(second.persistent());
    assertInstanceOf(MemoryStoreProvider.class, stores.provider("memory://"));
    first.close();
    second.close();
  }

  @Test
  void rejectsOptionsInTheUrl() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Stores.create(List.of()).open("memory://?size=10", SPEC));
    assertTrue(e.getMessage().contains("'size=10'") && e.getMessage().contains("takes none"),
        e.getMessage());
  }

  @Test
  void rejectsNegativeChangelogOffsets() {
    try (Store store = new MemoryStoreProvider().open(URI.create("memory://?"), SPEC)) {
      assertThrows(IllegalArgumentException.class,
          () -> store.applyChangelog(List.of(new ChangelogRecord(b("a"), b("1"), -1))));
      assertTrue(store.persistedOffset().isEmpty());
    }
  }
}
