package dev.mephisto.testkit.codec;

/**
 * Runs code on a thread with a small stack, to show that a decoder turns a stack overflow (a limit
 * raised too far, a thread with little stack) into a {@link dev.mephisto.CodecException}.
 *
 * <pre>{@code
 * Throwable t = SmallStack.thrownBy(() -> codec.decode(deeplyNested, Node.class));
 * assertInstanceOf(CodecException.class, t);
 * }</pre>
 */
public final class SmallStack {
  private SmallStack() {}

  /**
   * @param code what to run, on a thread with a 256 KiB stack
   * @return what it threw, or null
   * @throws InterruptedException when interrupted while waiting for it
   */
  public static Throwable thrownBy(Runnable code) throws InterruptedException {
    Throwable[] thrown = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        code.run();
      } catch (Throwable x) {
        thrown[0] = x;
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    return thrown[0];
  }
}
