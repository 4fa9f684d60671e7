package dev.mephisto.harness.process;

import java.util.Arrays;
import java.util.List;

/**
 * JVM settings of the workers.
 *
 * @param heap {@code -Xmx}, e.g. {@code 256m}
 * @param options more JVM options, e.g. {@code -XX:TieredStopAtLevel=1}
 */
public record WorkerJvm(String heap, List<String> options) {
  /** Copies the list. */
  public WorkerJvm {
    options = List.copyOf(options);
  }

  /**
   * @param heap {@code -Xmx}
   * @param options space-separated options, may be empty
   * @return the settings
   */
  public static WorkerJvm of(String heap, String options) {
    return new WorkerJvm(heap, Arrays.stream(options.trim().split("\\s+"))
        .filter(s -> !s.isEmpty()).toList());
  }

  @Override
  public String toString() {
    return ("-Xmx" + heap + " " + String.join(" ", options)).trim();
  }
}
