package dev.mephisto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value of a record component when a message lacks its field, as a Faust field declared
 * {@code quantity: int = 1}: messages written before the field was added still decode. Written as
 * text and read with the component's type:
 *
 * <pre>{@code
 * @Model(naming = Naming.SNAKE_CASE)
 * record Order(String accountId, int amount,
 *     @FieldDefault("1") int quantity,          // absent: 1
 *     @FieldDefault("EUR") String currency,     // absent: "EUR" (no JSON quotes)
 *     @FieldDefault("STANDARD") Shipping shipping,
 *     @FieldDefault("[]") List<String> tags,
 *     Optional<String> note) {}                 // absent or null: Optional.empty()
 * }</pre>
 *
 * <p>Types and their text: {@code String} as is; {@code boolean} {@code true} or {@code false};
 * whole and decimal numbers as Java writes them ({@code 42}, {@code -1.5}), checked against the
 * type's range; {@code BigDecimal}, {@code BigInteger}; an enum constant's name; {@code UUID};
 * {@code Instant} and {@code LocalDate} in ISO-8601 ({@code 1970-01-01T00:00:00Z}); {@code []}
 * for an empty {@code List} or {@code Set}, {@code {}} for an empty {@code Map}. On an {@code
 * Optional<T>} component the text is read as {@code T} and an absent field gives {@code
 * Optional.of(value)} (an explicit {@code null} still gives {@code Optional.empty()}).
 *
 * <p>Without a default, an absent field fails decoding with a {@link CodecException} naming it,
 * unless the component is an {@code Optional} (absent: empty) or annotated with any annotation
 * named {@code @Nullable} (absent: {@code null}). A default applies to an absent field only: a
 * field present with {@code null} is an error for a component that is neither. {@code avro} writes
 * the default into the schema it derives ({@code "default": 1}), which is how a reader with the
 * new field reads data written before it existed. Text that does not fit the type is reported when
 * the codec first meets the record.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FieldDefault {
  /** @return the default, as text read with the component's type, e.g. {@code "0"}, {@code "EUR"} */
  String value();
}
