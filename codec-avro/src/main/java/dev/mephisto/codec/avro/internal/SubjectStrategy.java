package dev.mephisto.codec.avro.internal;

import dev.mephisto.ConfigurationException;
import dev.mephisto.codec.CodecContext;
import java.util.Locale;
import org.apache.avro.Schema;

/** Confluent's subject name strategies. */
public enum SubjectStrategy {
  /** {@code <topic>-key} or {@code <topic>-value}. */
  TOPIC_NAME,
  /** The schema's full name. */
  RECORD_NAME,
  /** {@code <topic>-<full name>}. */
  TOPIC_RECORD_NAME;

  /**
   * @param setting the setting's name, for the message
   * @param value a short name ({@code TopicName}), with or without {@code Strategy}, or
   *     Confluent's class name
   * @return the strategy
   */
  static SubjectStrategy parse(String setting, String value) {
    String simple = value.substring(value.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (simple.endsWith("strategy")) {
      simple = simple.substring(0, simple.length() - "strategy".length());
    }
    return switch (simple) {
      case "topicname" -> TOPIC_NAME;
      case "recordname" -> RECORD_NAME;
      case "topicrecordname" -> TOPIC_RECORD_NAME;
      default -> throw new ConfigurationException("Setting '" + setting + "' is '" + value
          + "' but it should be one of [TopicName, RecordName, TopicRecordName] (Confluent's"
          + " class names such as io.confluent.kafka.serializers.subject.RecordNameStrategy"
          + " work too)");
    };
  }

  /**
   * @param context topic and key/value; without a topic the subject is the record's full name
   * @param schema the value's schema
   * @return the subject
   */
  public String subject(CodecContext context, Schema schema) {
    String topic = context.topic();
    String name = fullName(schema);
    if (topic.isEmpty()) {
      return name;
    }
    return switch (this) {
      case TOPIC_NAME -> topic + (context.isKey() ? "-key" : "-value");
      case RECORD_NAME -> name;
      case TOPIC_RECORD_NAME -> topic + "-" + name;
    };
  }

  private static String fullName(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getFullName();
      default -> schema.getType().getName();
    };
  }
}
