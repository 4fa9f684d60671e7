package dev.mephisto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of a record component on the wire, where it differs from the Java name. It wins over
 * the model's {@link Model#naming()}. {@code json} reads and writes the field under this name and
 * {@code avro} names the field of the schema it derives with it, so both codecs agree.
 *
 * <pre>{@code
 * @Model(namespace = "orders.Order")
 * record Order(@FieldName("account_id") String accountId, @FieldName("qty") int quantity) {}
 * }</pre>
 *
 * <p>Two components of one record may not share a wire name; an empty name is an error. Both are
 * reported when the codec first meets the record.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FieldName {
  /** @return the field's name in messages and schemas, e.g. {@code "account_id"} */
  String value();
}
