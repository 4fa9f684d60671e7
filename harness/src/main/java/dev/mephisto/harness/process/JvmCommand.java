package dev.mephisto.harness.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a worker JVM is started: the {@code java} and class path of this JVM, options, a main class
 * and its arguments; the worker's index is the last argument.
 *
 * @param java the java executable
 * @param classPath the class path
 * @param jvmOptions options before the main class
 * @param mainClass the main class
 * @param args arguments after it
 */
public record JvmCommand(
    String java, String classPath, List<String> jvmOptions, String mainClass, List<String> args) {

  /** Options every worker gets: log time stamps (the harness reads them), quiet Kafka clients. */
  public static final List<String> LOGGING = List.of(
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
      "-Dorg.slf4j.simpleLogger.showDateTime=true",
      "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
      "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn");

  /** Copies the lists. */
  public JvmCommand {
    jvmOptions = List.copyOf(jvmOptions);
    args = List.copyOf(args);
  }

  /**
   * The same {@code java} and class path as this JVM.
   *
   * @param jvm heap and more JVM options
   * @param mainClass the main class
   * @param args its arguments
   * @return the command
   */
  public static JvmCommand likeThisJvm(WorkerJvm jvm, Class<?> mainClass, List<String> args) {
    List<String> opts = new ArrayList<>();
    opts.add("-Xmx" + jvm.heap());
    opts.add("-XX:+UseSerialGC");
    opts.add("-Djava.awt.headless=true");
    if (Runtime.version().feature() >= 22) {
      opts.add("--enable-native-access=ALL-UNNAMED"); // RocksDB's JNI library
    }
    opts.addAll(LOGGING);
    opts.addAll(jvm.options());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new JvmCommand(java, System.getProperty("java.class.path"), opts, mainClass.getName(),
        args);
  }

  /**
   * @param index the worker index
   * @return the command line
   */
  public List<String> forWorker(int index) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(args);
    cmd.add(Integer.toString(index));
    return cmd;
  }
}
