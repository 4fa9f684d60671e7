package dev.mephisto.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.apache.kafka.common.utils.AppInfoParser;

/** JSON files of the harness: reports, and the table dumps workers write. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** @return the shared mapper */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * @param kind e.g. {@code chaos}
   * @return a report root with the machine and versions it ran on
   */
  public static ObjectNode reportRoot(String kind) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("harness", kind);
    root.put("time", Instant.now().toString());
    root.put("kafkaVersion", AppInfoParser.getVersion());
    root.put("java", Runtime.version().toString());
    root.put("cpus", Runtime.getRuntime().availableProcessors());
    return root;
  }

  /**
   * Writes a file so that a reader never sees half of it (a temporary file, then a move).
   *
   * @param file the file
   * @param value what to write
   * @throws IOException if it cannot be written
   */
  public static void write(Path file, Object value) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    MAPPER.writeValue(tmp.toFile(), value);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
