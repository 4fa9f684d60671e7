package dev.mephisto.harness.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreLogTest {
  private static final String LINE = "2026-12-02T04:52:20.092Z [app-restore] INFO Restorer - "
      + "Restored table 'counts' partitions [3, 7]: 1234 records in 56 ms (22035 records/s)";

  @Test
  void readsARestoreLineWithItsTimeStamp() {
    RestoreLog.Restore r = RestoreLog.parse(LINE, "worker-0.1");
    assertEquals(OffsetDateTime.parse("2026-12-02T04:52:20.092Z").toInstant().toEpochMilli(),
        r.atMillis());
    assertEquals("counts", r.table());
    assertEquals("3, 7", r.partitions());
    assertEquals(1234, r.records());
    assertEquals(56, r.millis());
  }

  @Test
  void ignoresOtherLines() {
    assertNull(RestoreLog.parse("2026-12-02T04:52:20.092Z [x] INFO Conductor - Assigned [a-0]", "w"));
    assertNull(RestoreLog.parse("Restored table 'counts' partitions [1]: 3 records in 4 ms", "w"));
  }

  @Test
  void readsEveryWorkerLogOfADirectory(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("worker-0.1.log"), "noise\n" + LINE + "\n");
    Files.writeString(dir.resolve("worker-1.1.log"), LINE.replace("56 ms", "70 ms") + "\n");
    Files.writeString(dir.resolve("other.txt"), LINE + "\n");
    List<RestoreLog.Restore> all = RestoreLog.read(dir);
    assertEquals(List.of("worker-0.1", "worker-1.1"), all.stream().map(RestoreLog.Restore::worker).toList());
    assertEquals(70, all.get(1).millis());
  }
}
