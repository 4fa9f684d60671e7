package dev.mephisto.harness.process;

/** A stand-in worker for {@link WorkerPoolTest}: {@code sleep <index>} or {@code fail <index>}. */
public final class SleeperMain {
  private SleeperMain() {}

  /**
   * @param args mode and index
   * @throws InterruptedException never
   */
  public static void main(String[] args) throws InterruptedException {
    System.out.println("worker " + args[1] + " up");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("graceful stop")));
    if (args[0].equals("fail")) {
      System.out.println("Exception in thread \"main\" java.lang.IllegalStateException: on purpose");
      System.exit(3);
    }
    Thread.sleep(120_000);
  }
}
