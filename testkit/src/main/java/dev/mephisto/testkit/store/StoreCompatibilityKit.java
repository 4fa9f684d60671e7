package dev.mephisto.testkit.store;

import static dev.mephisto.testkit.store.KitBytes.bytes;
import static dev.mephisto.testkit.store.KitBytes.drain;
import static dev.mephisto.testkit.store.KitBytes.hex;
import static dev.mephisto.testkit.store.KitBytes.hexKeys;
import static dev.mephisto.testkit.store.KitBytes.intKey;
import static dev.mephisto.testkit.store.KitBytes.record;
import static dev.mephisto.testkit.store.KitBytes.textEntries;
import static dev.mephisto.testkit.store.KitBytes.textOf;
import static dev.mephisto.testkit.store.KitBytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.StoreException;
import dev.mephisto.store.ChangelogRecord;
import dev.mephisto.store.Store;
import dev.mephisto.store.StoreEntry;
import dev.mephisto.store.StoreIterator;
import dev.mephisto.store.StoreMemory;
import dev.mephisto.store.StoreProvider;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.StoreWrite;
import dev.mephisto.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link StoreProvider} must show, as JUnit 5 tests. A store module runs them
 * by extending this class and naming its URL:
 *
 * <pre>{@code
 * class RocksDbStoreCompatibilityTest extends StoreCompatibilityKit {
 *   @Override protected String storeUrl(Path directory) {
 *     return "rocksdb://" + directory.toUri().getPath();
 *   }
 * }
 * }</pre>
 *
 * <p>Stores are opened through {@code Stores.create(List.of())}, so the provider must be
 * registered in {@code META-INF/services/dev.mephisto.store.StoreProvider}. Stores opened with
 * {@link #open(StoreSpec)} are closed after each test.
 */
public abstract class StoreCompatibilityKit {
  @TempDir private Path directory;

  private final List<Store> opened = new ArrayList<>();

  /** For subclasses. */
  protected StoreCompatibilityKit() {}

  /**
   * @param directory an empty directory owned by the current test, for stores that write files
   * @return the store URL to test, e.g. {@code "memory://"}
   */
  protected abstract String storeUrl(Path directory);

  /** @return the registry stores are opened through; override to register providers in code */
  protected Stores stores() {
    return Stores.create(List.of());
  }

  /**
   * Opens a store through {@link #stores()} and closes it after the test.
   *
   * @param spec the table partition
   * @return the open store
   */
  protected final Store open(StoreSpec spec) {
    Store store = stores().open(storeUrl(directory), spec);
    opened.add(store);
    return store;
  }

  /**
   * @param partition a partition number
   * @return the table partition the kit uses, in app {@code kit-app} and table {@code kit-table}
   */
  protected static StoreSpec spec(int partition) {
    return new StoreSpec("kit-app", "kit-table", partition);
  }

  @AfterEach
  final void closeOpenedStores() {
    opened.forEach(Store::close);
    opened.clear();
  }

  @Test
  void discoversProviderForSchemeThroughServiceLoader() {
    String url = storeUrl(directory);
    String scheme = Stores.parse(url).getScheme();
    StoreProvider provider = Stores.create(List.of()).provider(url);
    assertEquals(scheme, provider.scheme());
    assertTrue(ServiceLoader.load(StoreProvider.class).stream()
            .anyMatch(p -> p.type().equals(provider.getClass())),
        provider.getClass().getName() + " is not listed in META-INF/services/"
            + StoreProvider.class.getName());
    assertTrue(Stores.create(List.of()).schemes().contains(scheme));
  }

  @Test
  void opensEmptyStoreForTheGivenPartition() {
    Store store = open(spec(3));
    assertEquals(spec(3), store.spec());
    assertEquals(Optional.empty(), store.get(utf8("a")));
    assertEquals(List.of(), hexKeys(store.all()));
    assertEquals(0, store.approximateCount());
    assertEquals(OptionalLong.empty(), store.persistedOffset());
  }

  @Test
  void getsWhatWasPutAndOverwritesExistingKeys() {
    Store store = open(spec(0));
    store.put(utf8("a"), utf8("1"));
    store.put(utf8("b"), utf8("2"));
    store.put(utf8("a"), utf8("3"));
    assertEquals(Optional.of("3"), textOf(store.get(utf8("a"))));
    assertEquals(Optional.of("2"), textOf(store.get(utf8("b"))));
    assertEquals(List.of("a=3", "b=2"), textEntries(store.all()));
  }

  @Test
  void deletesKeysAndIgnoresAbsentKeys() {
    Store store = open(spec(0));
    store.put(utf8("a"), utf8("1"));
    store.put(utf8("b"), utf8("2"));
    store.delete(utf8("a"));
    store.delete(utf8("never-written"));
    assertEquals(Optional.empty(), store.get(utf8("a")));
    assertEquals(List.of("b=2"), textEntries(store.all()));
  }

  @Test
  void rejectsNullKeysAndValues() {
    Store store = open(spec(0));
    assertThrows(NullPointerException.class, () -> store.put(utf8("a"), null));
    assertThrows(NullPointerException.class, () -> store.put(null, utf8("1")));
    assertThrows(NullPointerException.class, () -> store.get(null));
  }

  @Test
  void ordersKeysByUnsignedBytesWithShorterPrefixFirst() {
    Store store = open(spec(0));
    for (byte[] k : List.of(bytes(0xFF), bytes(0x80), bytes(0x7F, 0x00), bytes(0x7F), bytes(0x00),
        bytes(0x80, 0x00, 0x01), bytes(0x01, 0xFF))) {
      store.put(k, bytes(1));
    }
    assertEquals(List.of("00", "01ff", "7f", "7f00", "80", "800001", "ff"), hexKeys(store.all()));
  }

  @Test
  void rangeIncludesFromAndExcludesTo() {
    Store store = open(spec(0));
    for (int i = 0; i < 10; i++) {
      store.put(intKey(i), intKey(i * 10));
    }
    List<StoreEntry> entries = drain(store.range(intKey(2), intKey(5)));
    assertEquals(List.of(hex(intKey(2)), hex(intKey(3)), hex(intKey(4))),
        entries.stream().map(e -> hex(e.key())).toList());
    assertArrayEquals(intKey(30), entries.get(1).value());
  }

  @Test
  void rangeBoundsNeedNotBeKeys() {
    Store store = open(spec(0));
    for (byte[] k : List.of(bytes(0x7E), bytes(0x7F), bytes(0x7F, 0x00), bytes(0x7F, 0xFF),
        bytes(0x80), bytes(0x80, 0x00))) {
      store.put(k, bytes(1));
    }
    // every key starting with 0x7F: the prefix itself up to, excluding, the next prefix
    assertEquals(List.of("7f", "7f00", "7fff"), hexKeys(store.range(bytes(0x7F), bytes(0x80))));
    assertEquals(List.of("7f00", "7fff", "80"),
        hexKeys(store.range(bytes(0x7F, 0x00), bytes(0x80, 0x00))));
    assertEquals(List.of("7e", "7f", "7f00", "7fff", "80", "8000"),
        hexKeys(store.range(bytes(), bytes(0xFF))));
  }

  @Test
  void rangeIsEmptyWhenFromIsNotBelowToOrNoKeyFalls() {
    Store store = open(spec(0));
    store.put(bytes(0x10), bytes(1));
    store.put(bytes(0x20), bytes(2));
    assertEquals(List.of(), hexKeys(store.range(bytes(0x10), bytes(0x10))));
    assertEquals(List.of(), hexKeys(store.range(bytes(0x20), bytes(0x10))));
    assertEquals(List.of(), hexKeys(store.range(bytes(0x11), bytes(0x20))));
    assertEquals(List.of(), hexKeys(store.range(bytes(0x21), bytes(0xFF))));
  }

  @Test
  void iteratorEndsWithNoSuchElementAndClosesTwice() {
    Store store = open(spec(0));
    store.put(utf8("a"), utf8("1"));
    StoreIterator it = store.all();
    assertTrue(it.hasNext());
    assertEquals("a", KitBytes.text(it.next().key()));
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
    it.close();
    it.close();
  }

  @Test
  void countsEntries() {
    Store store = open(spec(0));
    assertEquals(0, store.approximateCount());
    for (int i = 0; i < 100; i++) {
      store.put(intKey(i), bytes(i));
    }
    assertEquals(100, store.approximateCount());
    for (int i = 0; i < 50; i++) {
      store.delete(intKey(i));
    }
    long afterDeletes = store.approximateCount();
    assertTrue(afterDeletes >= 25 && afterDeletes <= 75,
        "approximateCount() after 100 puts and 50 deletes was '" + afterDeletes
            + "' but it should be near 50");
  }

  @Test
  void appliesChangelogInOrderWithTombstonesAndRemembersLastOffset() {
    Store store = open(spec(0));
    store.put(utf8("old"), utf8("x"));
    store.applyChangelog(List.of(
        record("a", "1", 10), record("b", "1", 11), record("a", null, 12), record("a", "2", 13),
        record("b", null, 14), record("old", null, 15), record("c", "3", 16)));
    assertEquals(List.of("a=2", "c=3"), textEntries(store.all()));
    assertEquals(OptionalLong.of(16), store.persistedOffset());
    store.applyChangelog(List.of(record("c", null, 17)));
    assertEquals(List.of("a=2"), textEntries(store.all()));
    assertEquals(OptionalLong.of(17), store.persistedOffset());
  }

  @Test
  void emptyChangelogBatchChangesNothing() {
    Store store = open(spec(0));
    store.applyChangelog(List.of(record("a", "1", 5)));
    store.applyChangelog(List.of());
    assertEquals(List.of("a=1"), textEntries(store.all()));
    assertEquals(OptionalLong.of(5), store.persistedOffset());
  }

  @Test
  void putAllAppliesPutsAndDeletesInOrderWithoutTouchingTheOffset() {
    Store store = open(spec(0));
    store.put(utf8("a"), utf8("old"));
    store.put(utf8("b"), utf8("old"));
    store.putAll(List.of(StoreWrite.put(utf8("a"), utf8("1")), StoreWrite.delete(utf8("b")),
        StoreWrite.put(utf8("c"), utf8("3")), StoreWrite.put(utf8("c"), utf8("33")),
        StoreWrite.delete(utf8("never")), StoreWrite.put(utf8("d"), utf8("4")),
        StoreWrite.delete(utf8("d"))));
    assertEquals(List.of("a=1", "c=33"), textEntries(store.all()), "in order, the last write wins");
    assertEquals(OptionalLong.empty(), store.persistedOffset());
    store.putAll(List.of());
    assertEquals(List.of("a=1", "c=33"), textEntries(store.all()));
  }

  @Test
  void putAllWritesLargeBatches() {
    Store store = open(spec(0));
    List<StoreWrite> batch = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      batch.add(StoreWrite.put(intKey(i), utf8("v" + i)));
    }
    store.putAll(batch);
    assertEquals(Optional.of("v9999"), textOf(store.get(intKey(9999))));
    assertEquals(10_000, drain(store.all()).size());
  }

  @Test
  void reportsItsMemoryWhileOpen() {
    Store store = open(spec(0));
    for (int i = 0; i < 1000; i++) {
      store.put(intKey(i), new byte[100]);
    }
    StoreMemory m = store.memoryUsage();
    assertTrue(m.ownBytes() >= 0 && m.blockCacheBytes() >= 0, () -> "memory " + m);
  }

  @Test
  void checkpointRemembersOffsetOfWritesMadeWhileProcessing() {
    Store store = open(spec(0));
    store.put(utf8("a"), utf8("1"));
    store.checkpoint(41);
    assertEquals(OptionalLong.of(41), store.persistedOffset());
    store.checkpoint(42);
    assertEquals(OptionalLong.of(42), store.persistedOffset());
    assertThrows(IllegalArgumentException.class, () -> store.checkpoint(-1));
    assertEquals(OptionalLong.of(42), store.persistedOffset());
  }

  @Test
  void reopenedStoreKeepsDataAndOffsetOnlyIfPersistent() {
    Store store = open(spec(1));
    boolean persistent = store.persistent();
    store.applyChangelog(List.of(record("a", "1", 7), record("b", "2", 8)));
    store.put(utf8("c"), utf8("3"));
    store.checkpoint(9);
    store.flush();
    store.close();
    Store again = open(spec(1));
    if (persistent) {
      assertEquals(List.of("a=1", "b=2", "c=3"), textEntries(again.all()));
      assertEquals(OptionalLong.of(9), again.persistedOffset());
    } else {
      assertEquals(List.of(), textEntries(again.all()), "a store that does not persist starts empty");
      assertEquals(OptionalLong.empty(), again.persistedOffset());
    }
  }

  @Test
  void partitionsAndTablesAreSeparate() {
    Store p0 = open(spec(0));
    Store p1 = open(spec(1));
    Store other = open(new StoreSpec("kit-app", "other-table", 0));
    p0.put(utf8("k"), utf8("p0"));
    p1.put(utf8("k"), utf8("p1"));
    p1.checkpoint(3);
    assertEquals(Optional.of("p0"), textOf(p0.get(utf8("k"))));
    assertEquals(Optional.of("p1"), textOf(p1.get(utf8("k"))));
    assertEquals(Optional.empty(), other.get(utf8("k")));
    assertEquals(OptionalLong.empty(), p0.persistedOffset());
  }

  @Test
  void closedStoreFailsWithStoreExceptionNamingThePartition() {
    Store store = open(spec(2));
    store.close();
    List<Executable> operations = List.of(
        () -> store.get(utf8("a")),
        () -> store.put(utf8("a"), utf8("1")),
        () -> store.delete(utf8("a")),
        () -> store.putAll(List.of(StoreWrite.put(utf8("a"), utf8("1")))),
        () -> store.range(utf8("a"), utf8("b")),
        store::all,
        store::approximateCount,
        () -> store.applyChangelog(List.of(record("a", "1", 1))),
        () -> store.checkpoint(1),
        store::flush);
    for (Executable op : operations) {
      StoreException e = assertThrows(StoreException.class, op);
      assertTrue(e.getMessage().contains(spec(2).describe()) && e.getMessage().contains("closed"),
          "message should name '" + spec(2).describe() + "' and say 'closed': " + e.getMessage());
    }
    store.close();
  }

  @Test
  void iteratorOfClosedStoreFailsWithStoreException() {
    Store store = open(spec(0));
    store.put(utf8("a"), utf8("1"));
    store.put(utf8("b"), utf8("2"));
    StoreIterator it = store.all();
    assertTrue(it.hasNext());
    store.close();
    assertThrows(StoreException.class, it::hasNext);
    it.close();
  }

  @Test
  void readerIteratesWhileWriterWrites() throws Exception {
    new KitConcurrency(open(spec(0))).writeWhileReading(20_000);
  }

  @Test
  void storesOneMebibyteValues() {
    Store store = open(spec(0));
    SplittableRandom random = new SplittableRandom(42);
    byte[] big = new byte[1 << 20];
    random.nextBytes(big);
    byte[] other = new byte[1 << 20];
    random.nextBytes(other);
    store.put(utf8("big"), big);
    assertArrayEquals(big, store.get(utf8("big")).orElseThrow());
    store.applyChangelog(List.of(new ChangelogRecord(utf8("other"), other, 1)));
    List<StoreEntry> all = drain(store.all());
    assertEquals(2, all.size());
    assertArrayEquals(big, all.get(0).value());
    assertArrayEquals(other, all.get(1).value());
  }

  @Test
  void storesBinaryKeysIncludingEmptyAndZeroBytes() {
    Store store = open(spec(0));
    for (int b = 0; b < 256; b++) {
      store.put(bytes(b), bytes(255 - b));
    }
    store.put(bytes(), utf8("empty"));
    store.put(bytes(0, 0, 0), utf8("zeros"));
    for (int b = 0; b < 256; b++) {
      assertArrayEquals(bytes(255 - b), store.get(bytes(b)).orElseThrow(), "key " + b);
    }
    assertEquals(Optional.of("empty"), textOf(store.get(bytes())));
    assertEquals(Optional.of("zeros"), textOf(store.get(bytes(0, 0, 0))));
    List<String> keys = hexKeys(store.all());
    assertEquals(258, keys.size());
    assertEquals(List.of("", "00", "000000", "01"), keys.subList(0, 4));
    assertEquals("ff", keys.get(257));
  }

  @Test
  void flushKeepsEverythingReadable() {
    Store store = open(spec(0));
    store.put(utf8("a"), utf8("1"));
    store.applyChangelog(List.of(record("b", "2", 3)));
    store.flush();
    assertEquals(List.of("a=1", "b=2"), textEntries(store.all()));
    assertEquals(OptionalLong.of(3), store.persistedOffset());
  }
}
