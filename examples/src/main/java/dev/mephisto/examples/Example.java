package dev.mephisto.examples;

/**
 * One runnable example, started by the {@link Examples} launcher.
 *
 * <p>An example declares its app on {@link ExampleContext#app(String)} (which already points at
 * the right broker), runs it with {@link ExampleContext#run(dev.mephisto.App...)} and prints what
 * it did.
 */
public interface Example {
  /** @return the name given to {@code -Dexample=...}, e.g. {@code hello-world} */
  String name();

  /** @return one line for {@code -Dexample=list} */
  String description();

  /**
   * Runs the example until the context says stop (its duration passed, or Ctrl-C).
   *
   * @param ctx broker, duration and console of this run
   * @throws Exception anything the example cannot handle; the launcher reports it
   */
  void run(ExampleContext ctx) throws Exception;
}
