package dev.mephisto.harness.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Table restores, as the workers log them ({@code Restored table 't' partitions [..]: n records in
 * m ms}), with the time stamp the harness has them log. Mephisto has no public restore listener
 * yet (issue 13 item 2); until it has, this is where restore times come from.
 */
public final class RestoreLog {
  /**
   * One restore.
   *
   * @param atMillis when it ended, epoch ms
   * @param worker the worker's log it came from
   * @param table the table
   * @param partitions the partitions, as logged
   * @param records records restored
   * @param millis how long it took
   */
  public record Restore(long atMillis, String worker, String table, String partitions,
      long records, long millis) {}

  private static final Pattern LINE = Pattern.compile(
      "^(\\S+) .*Restored table '([^']+)' partitions \\[([^\\]]*)\\]: (\\d+) records in (\\d+) ms.*");

  private RestoreLog() {}

  /**
   * @param line a log line
   * @param worker whose log
   * @return the restore it reports, or null
   */
  public static Restore parse(String line, String worker) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    try {
      long at = OffsetDateTime.parse(m.group(1)).toInstant().toEpochMilli();
      return new Restore(at, worker, m.group(2), m.group(3), Long.parseLong(m.group(4)),
          Long.parseLong(m.group(5)));
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * @param logDir a directory of worker logs
   * @return every restore logged there
   */
  public static List<Restore> read(Path logDir) {
    List<Restore> out = new ArrayList<>();
    if (!Files.isDirectory(logDir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        String worker = f.getFileName().toString().replace(".log", "");
        try (Stream<String> lines = Files.lines(f, StandardCharsets.ISO_8859_1)) {
          lines.map(l -> parse(l, worker)).filter(r -> r != null).forEach(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read worker logs in " + logDir, e);
    }
    return out;
  }
}
