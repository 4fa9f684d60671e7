package dev.mephisto;

/** A table store could not be opened, read or written. */
public class StoreException extends MephistoException {
  private static final long serialVersionUID = 1L;

  /** @param message the store, the table partition and what failed */
  public StoreException(String message) {
    super(message);
  }

  /**
   * @param message the store, the table partition and what failed
   * @param cause the underlying failure
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
