package dev.mephisto.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HarnessMainTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    int code = HarnessMain.run(new PrintWriter(out, true), args);
    return new String[] {Integer.toString(code), out.toString()};
  }

  @Test
  void helpListsBothHarnesses() {
    String[] r = run("--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("chaos") && r[1].contains("scale"), r[1]);
  }

  @Test
  void chaosHelpNamesTheFullRunsOptions() {
    String[] r = run("chaos", "--help");
    assertEquals("0", r[0]);
    for (String o : new String[] {"--events", "--kill-every", "--guarantee", "--bootstrap"}) {
      assertTrue(r[1].contains(o), o + " in " + r[1]);
    }
  }

  @Test
  void badOptionsExitTwoNamingTheValue() {
    String[] g = run("chaos", "--guarantee", "sometimes");
    assertEquals("2", g[0]);
    assertTrue(g[1].contains("--guarantee was 'sometimes'"), g[1]);
    String[] d = run("chaos", "--kill-every", "often");
    assertEquals("2", d[0]);
    assertTrue(d[1].contains("'often'"), d[1]);
    String[] w = run("scale", "--workers", "0,2");
    assertEquals("2", w[0]);
    assertTrue(w[1].contains("--workers was '[0, 2]'"), w[1]);
    String[] s = run("chaos", "--sabotage", "everything");
    assertEquals("2", s[0]);
    assertTrue(s[1].contains("--sabotage was 'everything'"), s[1]);
  }
}
