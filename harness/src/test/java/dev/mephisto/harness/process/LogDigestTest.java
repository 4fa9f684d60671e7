package dev.mephisto.harness.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDigestTest {
  @Test
  void groupsMessagesThatDifferOnlyInNumbersAndIds(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("worker-0.1.log"), String.join("\n",
        "2026-12-02T05:00:00.000Z [main] INFO Conductor - Assigned [a-0]",
        "2026-12-02T05:00:01.000Z [x] WARN Conductor - Could not commit offsets of revoked partitions [a-1]",
        "2026-12-02T05:00:02.000Z [x] ERROR TopicImpl - sendSoon to topic 'out' failed: fenced 'app-81f3f356-23f1-4521-b9b2-8f9a95be0061'",
        "2026-12-02T05:00:03.000Z [x] ERROR TopicImpl - sendSoon to topic 'out' failed: fenced 'app-a8d868e6-3653-4bf3-9b34-22a419973fef'",
        "\tat dev.mephisto.Foo.bar(Foo.java:1)", ""));
    Files.writeString(dir.resolve("worker-1.1.log"), String.join("\n",
        "java.lang.NullPointerException: Cannot invoke \"x\" because null",
        "\tat dev.mephisto.Foo.bar(Foo.java:12)",
        "2026-12-02T05:00:04.000Z [x] ERROR TopicImpl - sendSoon to topic 'out' failed: fenced 'app-99461206-9fc5-4c6b-acd9-dcb922f9a870'",
        ""));
    List<LogDigest.Entry> d = LogDigest.read(dir, 10);
    assertEquals(List.of("ERROR", "EXCEPTION", "WARN"), d.stream().map(LogDigest.Entry::level).toList());
    LogDigest.Entry fenced = d.get(0);
    assertEquals(3, fenced.count());
    assertEquals(2, fenced.logs());
    assertEquals("worker-0.1.log", fenced.firstLog());
    assertTrue(fenced.first().contains("81f3f356"), fenced.first());
    assertTrue(fenced.pattern().contains("fenced 'app-#'"), fenced.pattern());
    assertEquals(1, d.get(1).count());
    assertEquals(1, LogDigest.read(dir, 1).size());
  }

  @Test
  void ignoresInfoAndStackFrames() {
    assertNull(LogDigest.classify("2026-12-02T05:00:00.000Z [main] INFO Conductor - Assigned"));
    assertNull(LogDigest.classify("\tat java.base/java.lang.Thread.run(Thread.java:1583)"));
    assertNull(LogDigest.classify("Caused by: java.io.IOException: x"));
    assertEquals("EXCEPTION", LogDigest.classify("Exception in thread \"main\" java.lang.IllegalStateException: on purpose")[0]);
  }
}
