package dev.mephisto.codec;

import java.util.Objects;

/**
 * Where bytes are going to or coming from: codecs that name schemas by topic (Avro's subject
 * strategies) read it; most codecs ignore it.
 *
 * @param topic the topic, or empty when unknown
 * @param target whether the bytes are a key or a value
 */
public record CodecContext(String topic, Target target) {
  /** No topic known: codecs used on their own, as {@code Codecs.get("json").encode(x)}. */
  public static final CodecContext NONE = new CodecContext("", Target.VALUE);

  /** Key or value of a message. */
  public enum Target {
    /** The message key. */
    KEY,
    /** The message value. */
    VALUE
  }

  /** Checks nulls. */
  public CodecContext {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(target, "target");
  }

  /**
   * @param topic the topic
   * @return the context of a key of that topic
   */
  public static CodecContext key(String topic) {
    return new CodecContext(topic, Target.KEY);
  }

  /**
   * @param topic the topic
   * @return the context of a value of that topic
   */
  public static CodecContext value(String topic) {
    return new CodecContext(topic, Target.VALUE);
  }

  /** @return true for message keys */
  public boolean isKey() {
    return target == Target.KEY;
  }
}
