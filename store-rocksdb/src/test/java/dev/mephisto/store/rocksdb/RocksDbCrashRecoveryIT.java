package dev.mephisto.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.store.Store;
import dev.mephisto.store.StoreSpec;
import dev.mephisto.store.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kills a writer process without closing its store, then checks what a restarted worker finds. */
class RocksDbCrashRecoveryIT {
  private static final int BATCHES = 40;
  // 4 000 records of 2 KiB against 1 MiB memtables: RocksDB flushes by itself several times
  private static final int VALUE_SIZE = 2_048;

  @TempDir Path dir;

  private static Map<String, Long> crash(String url) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", // RocksDB's JNI, without the JVM's warning
        "-cp", System.getProperty("java.class.path"),
        CrashingWriter.class.getName(), url, String.valueOf(BATCHES), String.valueOf(VALUE_SIZE))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the writer did not stop");
    assertEquals(3, child.exitValue(), "the writer should halt with 3; output: " + out);
    return out.lines().map(l -> l.split(" ")).collect(
        Collectors.toMap(p -> p[0], p -> Long.parseLong(p[1])));
  }

  // wal=false is the default; with writeBufferSizeMb=1 automatic flushes land mid-run, and each
  // must carry the offset of exactly the batches it holds
  @ParameterizedTest
  @ValueSource(strings = {"wal=true", "wal=false"})
  void dataAndOffsetAgreeAfterAKill(String query) throws Exception {
    String url = "rocksdb://" + dir.toUri().getPath() + "?writeBufferSizeMb=1&" + query;
    Map<String, Long> reported = crash(url);
    try (Store store = Stores.create(List.of()).open(url, new StoreSpec("app", "counts", 0))) {
      long persisted = store.persistedOffset().orElse(-1);
      assertTrue(persisted >= reported.get("FLUSHED"),
          "offset " + persisted + " is behind the flush at " + reported.get("FLUSHED"));
      if (query.equals("wal=true")) {
        // a process crash keeps every write acknowledged by the WAL
        assertEquals(reported.get("WROTE"), persisted);
      }
      for (long o = 0; o <= reported.get("WROTE"); o++) {
        byte[] key = ("k" + o).getBytes(StandardCharsets.UTF_8);
        boolean present = store.get(key).isPresent();
        assertEquals(o <= persisted, present, "offset " + o + " with persisted offset " + persisted);
      }
      System.out.printf("%s: wrote up to %d, flushed by hand at %d, found offset %d%n",
          query, reported.get("WROTE"), reported.get("FLUSHED"), persisted);
    }
  }
}
