package dev.mephisto.core;

import dev.mephisto.App;
import dev.mephisto.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

/** A worker process for {@link SigtermIT}: appends every value it processes to a file. */
public final class SigtermWorkerMain {
  private SigtermWorkerMain() {}

  /**
   * @param args bootstrap servers, app id, topic, output file
   */
  public static void main(String[] args) {
    Path out = Path.of(args[3]);
    App app = App.builder(args[1]).broker("kafka://" + args[0]).valueCodec("string")
        .commitInterval(Duration.ofSeconds(30)).commitEvery(1_000_000).streamBufferMaxSize(200)
        .web("127.0.0.1", 0).environment(Map.of()).build();
    Topic<String, String> in = app.topic(args[2], String.class, String.class);
    app.agent(in, s -> {
      for (String v : s) {
        try {
          Files.writeString(out, v + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
          Thread.sleep(2);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });
    app.main("worker");
  }
}
