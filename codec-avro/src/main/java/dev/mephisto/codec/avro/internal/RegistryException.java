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

  /**
   * @return true when the registry, not the request, is at fault and asking later may succeed:
   *     unreachable or timed out (status 0), 408, 429, 5xx, and 401/403 (credentials the operator
   *     must fix; not a reason to dead-letter every message meanwhile)
   */
  public boolean isTransient() {
    return isTransient(status);
  }

  /**
   * @param status an HTTP status, or 0 for no answer
   * @return whether a request that got it may succeed later
   */
  static boolean isTransient(int status) {
    return status == 0 || status == 408 || status == 429 || status >= 500 || status == 401
        || status == 403;
  }
}
