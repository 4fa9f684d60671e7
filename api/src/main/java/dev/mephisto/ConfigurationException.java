package dev.mephisto;

/** A setting, a name or a declaration is invalid; thrown at build or start time, never per record. */
public class ConfigurationException extends MephistoException {
  private static final long serialVersionUID = 1L;

  /** @param message the setting, its value and what is allowed */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * @param message the setting, its value and what is allowed
   * @param cause the underlying failure
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
