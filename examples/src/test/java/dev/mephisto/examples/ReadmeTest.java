package dev.mephisto.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README says what the code does: its first app is HelloWorld, its examples exist. */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");

  private static String readme() throws IOException {
    return Files.readString(README);
  }

  /** The fenced block of a language that follows a heading. */
  private static String block(String text, String heading, String language) {
    int h = text.indexOf("\n" + heading + "\n");
    assertTrue(h >= 0, () -> "README has no heading '" + heading + "'");
    int start = text.indexOf("```" + language + "\n", h);
    int end = text.indexOf("\n```", start + 4);
    return text.substring(start + language.length() + 4, end);
  }

  private static List<String> codeLines(String code) {
    List<String> lines = new ArrayList<>();
    for (String line : code.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("//") && !t.startsWith("*") && !t.startsWith("/**")
          && !t.startsWith("import ") && !t.startsWith("package ")) {
        lines.add(t);
      }
    }
    return lines;
  }

  @Test
  void firstAppIsHelloWorldLineForLine() throws IOException {
    List<String> readme = codeLines(block(readme(), "### Your first app", "java"));
    List<String> source = codeLines(Files.readString(
        Path.of("src/main/java/dev/mephisto/examples/helloworld/HelloWorld.java")));
    assertTrue(readme.size() >= 20 && readme.size() <= 35, () -> readme.size() + " lines");
    int at = 0;
    for (String line : readme) { // in the same order, with only comments etc. left out
      int found = source.subList(at, source.size()).indexOf(line);
      assertTrue(found >= 0, () -> "README line not in HelloWorld.java (in this order): " + line);
      at += found + 1;
    }
  }

  @Test
  void quickStartHasTheTwoCommands() throws IOException {
    String text = readme();
    assertTrue(text.contains("```sh\n./mvnw -q install -DskipTests && ./mvnw -q -pl examples "
        + "exec:java -Dexample=hello-world\n```"), "the main command");
    assertTrue(text.contains("```sh\n./mvnw verify\n```"), "the test command");
  }

  @Test
  void examplesTableListsEveryExampleInTheLaunchersOrder() throws IOException {
    List<String> listed = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\| `-Dexample=([a-z0-9-]+)` \\|")
        .matcher(examplesSection(readme()));
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertEquals(Examples.all().stream().map(Example::name).toList(), listed);
  }

  private static String examplesSection(String text) {
    int start = text.indexOf("\n## Examples\n");
    int end = text.indexOf("\n## ", start + 5);
    return text.substring(start, end);
  }

  @Test
  void linkedFilesExist() throws IOException {
    Matcher m = Pattern.compile("\\]\\(((?:examples|docs)/[^)#]+)\\)").matcher(readme());
    int links = 0;
    while (m.find()) {
      links++;
      Path target = Path.of("..").resolve(m.group(1));
      assertTrue(Files.exists(target), () -> "README links to a missing " + target);
    }
    assertTrue(links >= 3, "links checked: " + links);
  }
}
