package dev.mephisto;

/**
 * A value could not be decoded (or encoded) for a reason outside its bytes: a Schema Registry
 * that timed out or answered 5xx, a network failure. The record is not poison: the runtime keeps
 * it, waits with backoff while its partition waits (backpressure), and tries again, instead of
 * sending it to the dead-letter topic.
 *
 * <p>Codecs throw plain {@link CodecException} for anything the payload itself caused (bad bytes,
 * an unknown schema id, a limit exceeded): those records go to the dead-letter topic.
 */
public class TransientCodecException extends CodecException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, and why it may succeed later */
  public TransientCodecException(String message) {
    super(message);
  }

  /**
   * @param message what failed, and why it may succeed later
   * @param cause the underlying failure
   */
  public TransientCodecException(String message, Throwable cause) {
    super(message, cause);
  }

  /** @return a copy with the location in front that is still transient */
  @Override
  public TransientCodecException withLocation(String location) {
    return new TransientCodecException(location + ": " + getMessage(), this);
  }
}
