package dev.mephisto.codec.avro.internal;

import dev.mephisto.CodecException;

/** The registry answered with an error, or could not be reached. */
public final class RegistryException extends CodecException {
  private static final long serialVersionUID = 1L;

  /** HTTP status, or 0 when the registry could not be reached. */
  private final int status;
  /** Confluent's {@code error_code}, or 0 when absent. */
  private final int errorCode;

  /**
   * @param message what was asked, of which URL, and the answer
   * @param status the HTTP status, or 0 when unreachable
   * @param errorCode the registry's error code, or 0
   */
  public RegistryException(String message, int status, int errorCode) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** @return the HTTP status, or 0 when the registry could not be reached */
  public int status() {
    return status;
  }

  /** @return Confluent's error code (e.g. 40401 subject not found), or 0 */
  public int errorCode() {
    return errorCode;
  }
}
