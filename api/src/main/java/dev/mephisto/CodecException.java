package dev.mephisto;

/**
 * A value could not be encoded, or bytes could not be decoded.
 *
 * <p>Codecs throw it with what they know (the field, expected and actual); the runtime adds the
 * record's coordinates with {@link #withLocation(String)} before it logs the failure or sends the
 * record to a dead-letter topic.
 */
public class CodecException extends MephistoException {
  private static final long serialVersionUID = 1L;

  /** @param message what could not be encoded or decoded, and why */
  public CodecException(String message) {
    super(message);
  }

  /**
   * @param message what could not be encoded or decoded, and why
   * @param cause the underlying failure
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Returns a copy whose message starts with where the bytes came from.
   *
   * <pre>{@code
   * e.withLocation("Cannot decode value of topic 'orders' partition 3 offset 1042 with 'json'")
   * // -> "Cannot decode value of topic 'orders' partition 3 offset 1042 with 'json': field 'amount' ..."
   * }</pre>
   *
   * @param location a sentence naming the topic, partition, offset and codec
   * @return a new exception with this one as its cause
   */
  public CodecException withLocation(String location) {
    return new CodecException(location + ": " + getMessage(), this);
  }
}
