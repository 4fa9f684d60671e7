package dev.mephisto.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class whose constructor does harm (it writes the file its value names), as gadget classes on
 * a real class path do. A record naming it in a header must never make the runtime build one.
 *
 * @param path the file it writes
 */
public record Canary(String path) {
  /** Writes the file: must never run. */
  public Canary {
    CanaryFlags.CONSTRUCTED.set(true);
    try {
      Files.writeString(Path.of(path), "the canary was constructed");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
