package dev.mephisto;

/** {@link Agent#ask} received no reply within its timeout. */
public class AskTimeoutException extends MephistoException {
  private static final long serialVersionUID = 1L;

  /** @param message the agent, the correlation id and the timeout */
  public AskTimeoutException(String message) {
    super(message);
  }
}
