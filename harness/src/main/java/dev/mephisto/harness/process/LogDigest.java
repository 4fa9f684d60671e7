package dev.mephisto.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The errors and warnings of a run's worker logs, grouped: the same message with other numbers,
 * ids or offsets counts as one, with how often it came, in how many logs, and its first line.
 * Bare exception lines (a stack trace printed without a logger) count as errors.
 */
public final class LogDigest {
  /**
   * One kind of message.
   *
   * @param level {@code ERROR}, {@code WARN} or {@code EXCEPTION}
   * @param pattern the message with numbers and ids replaced by {@code #}
   * @param count how many lines
   * @param logs in how many log files
   * @param first the first line, as it was
   * @param firstLog the log file it is in
   */
  public record Entry(String level, String pattern, long count, int logs, String first,
      String firstLog) {}

  private static final Pattern LOGGED =
      Pattern.compile("^\\S+ \\[[^\\]]*\\] (ERROR|WARN) (.*)$");
  private static final Pattern BARE =
      Pattern.compile("^(?:Exception in thread \"[^\"]*\" )?([\\w.$]+(?:Exception|Error))(?::.*)?$");
  private static final Pattern VARIABLE = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-z]{8,}-[0-9a-f]{8}|\\d+");

  private LogDigest() {}

  /**
   * @param logDir a directory of worker logs
   * @param max at most this many entries, most frequent first
   * @return the digest
   */
  public static List<Entry> read(Path logDir, int max) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, String[]> firsts = new LinkedHashMap<>();
    Map<String, Set<String>> files = new LinkedHashMap<>();
    if (!Files.isDirectory(logDir)) {
      return List.of();
    }
    try (Stream<Path> logs = Files.list(logDir)) {
      for (Path f : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        try (Stream<String> lines = Files.lines(f, StandardCharsets.ISO_8859_1)) {
          lines.forEach(line -> {
            String[] kind = classify(line);
            if (kind == null) {
              return;
            }
            String key = kind[0] + " " + kind[1];
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            firsts.putIfAbsent(key, new String[] {line, f.getFileName().toString()});
            files.computeIfAbsent(key, k -> new HashSet<>()).add(f.toString());
          });
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return List.of(new Entry("ERROR", "cannot read the worker logs", 1, 0, e.toString(), ""));
    }
    List<Entry> out = new ArrayList<>();
    counts.forEach((key, n) -> {
      int space = key.indexOf(' ');
      String[] first = firsts.get(key);
      out.add(new Entry(key.substring(0, space), key.substring(space + 1), n[0],
          files.get(key).size(), first[0], first[1]));
    });
    out.sort(Comparator.comparing((Entry e) -> e.level().equals("WARN"))
        .thenComparing(Comparator.comparingLong(Entry::count).reversed()));
    return List.copyOf(out.subList(0, Math.min(max, out.size())));
  }

  static String[] classify(String line) {
    Matcher m = LOGGED.matcher(line);
    if (m.matches()) {
      String text = m.group(2);
      return new String[] {m.group(1), normalize(text.length() > 240 ? text.substring(0, 240) : text)};
    }
    Matcher b = BARE.matcher(line);
    if (b.matches() && !line.startsWith("\t")) {
      return new String[] {"EXCEPTION", normalize(line.length() > 240 ? line.substring(0, 240) : line)};
    }
    return null;
  }

  private static String normalize(String s) {
    return VARIABLE.matcher(s).replaceAll("#");
  }
}
