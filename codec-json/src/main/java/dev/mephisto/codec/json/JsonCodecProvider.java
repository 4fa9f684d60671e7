package dev.mephisto.codec.json;

import dev.mephisto.codec.Codec;
import dev.mephisto.codec.CodecProvider;
import dev.mephisto.codec.json.internal.JsonCodec;
import dev.mephisto.codec.json.internal.JsonLimits;
import java.util.Map;

/**
 * Provides codec {@code json}: JSON that Python Faust writes and reads byte for byte.
 *
 * <p>Found through {@link java.util.ServiceLoader}; use it by name:
 *
 * <pre>{@code
 * @Model(namespace = "shop.models.Purchase")
 * record Purchase(String username, String currency, double amount) {}
 *
 * Codec json = Codecs.get("json");
 * byte[] wire = json.encode(new Purchase("ann", "EUR", 12.5));
 * // {"username": "ann", "currency": "EUR", "amount": 12.5, "__faust": {"ns": "shop.models.Purchase"}}
 * Purchase back = json.decode(wire, Purchase.class);
 * }</pre>
 *
 * <h2>Wire format</h2>
 *
 * <ul>
 *   <li>As Python's {@code json.dumps} with its defaults: {@code ", "} and {@code ": "} as
 *       separators, non-ASCII escaped as <code>&#92;u00e9</code>, floats as Python prints them ({@code
 *       1e+16}, {@code 1e-05}), {@code NaN} and {@code Infinity} as bare words.
 *   <li>Records: components in declaration order, each under its field name ({@link
 *       dev.mephisto.FieldName}, else the model's {@link dev.mephisto.Model#naming()}, by default
 *       the Java name), then {@code "__faust": {"ns": ...}} with the namespace of {@link
 *       dev.mephisto.Model#namespace()} (default: the class's binary name); {@code
 *       @Model(faustMetadata = false)} leaves it out.
 *   <li>{@code java.time} values as ISO-8601 text, {@code BigDecimal} as text (as Faust writes
 *       {@code Decimal}; numbers are read too), {@code byte[]} as base64 text, enums by name, an
 *       empty {@code Optional} and a null {@code @Nullable} component as {@code null}.
 * </ul>
 *
 * <h2>Decoding</h2>
 *
 * <p>Messages are hostile input: bytes that are not well-formed UTF-8, a nesting deeper than
 * {@code json.max.depth}, a number (or a decimal written as text) longer than {@code
 * json.max.number.length}, a string longer than {@code json.max.string.length}, a collection
 * larger than {@code json.max.collection.size} all fail with a {@link dev.mephisto.CodecException}
 * naming the setting, as does every other failure. Nothing in a message names a class to load.
 *
 * <ul>
 *   <li>Messages with or without {@code __faust} are read; unknown fields are ignored.
 *   <li>Fields are matched by their field names (as written). Every record component is required
 *       unless a message may lack it: a missing field takes the component's {@link
 *       dev.mephisto.FieldDefault}, else an {@code Optional} is empty and a component annotated
 *       with any {@code @Nullable} is null. {@code null} is accepted for {@code Optional} and
 *       {@code @Nullable} components. A missing required field, {@code null} for any other
 *       component, or a value of the wrong JSON type fails with a {@link
 *       dev.mephisto.CodecException} such as {@code field 'amount' expected int but was "ten"}.
 *   <li>Decoding into a sealed interface picks the permitted record whose namespace equals the
 *       message's {@code __faust.ns}; a namespace no permitted record has fails.
 *   <li>Enums are read by name only; a number is an error.
 *   <li>Lists, sets, maps and arrays hold no {@code null} unless their element type is {@code
 *       Optional<T>} (null becomes {@code Optional.empty()}) or {@code Object}.
 *   <li>{@code Map.class}, {@code List.class} and {@code Object.class} give plain maps, lists,
 *       strings, numbers and booleans, for Faust apps that send plain dicts.
 * </ul>
 */
public final class JsonCodecProvider implements CodecProvider {
  /** Cheap, as every provider: the codec's mapper is built on first use. */
  public JsonCodecProvider() {}

  /** @return {@code "json"} */
  @Override
  public String name() {
    return "json";
  }

  /**
   * @param config the limits of one message: {@code json.max.depth} (default 500), {@code
   *     json.max.number.length} (1000), {@code json.max.string.length} (20 000 000), {@code
   *     json.max.collection.size} (1 000 000); see {@code docs/codec-limits.md}
   * @return the shared, thread-safe json codec for those limits
   */
  @Override
  public Codec create(Map<String, ?> config) {
    return JsonCodec.of(JsonLimits.parse(config));
  }
}
