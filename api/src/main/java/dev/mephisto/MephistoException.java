package dev.mephisto;

/**
 * Root of every exception Mephisto throws. All are unchecked.
 *
 * <p>Messages follow one shape: what failed, the actual value in quotes, what was expected and,
 * where there is one, what to do about it.
 */
public class MephistoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, the value, what was expected */
  public MephistoException(String message) {
    super(message);
  }

  /**
   * @param message what failed, the value, what was expected
   * @param cause the underlying failure
   */
  public MephistoException(String message, Throwable cause) {
    super(message, cause);
  }
}
