package dev.mephisto;

import java.util.Objects;

/**
 * How a model's record components are named on the wire, set per model with {@link
 * Model#naming()}. Codecs that write field names ({@code json}, and {@code avro} in the schema it
 * derives) use the same names, so a Java record with camelCase components reads and writes what a
 * Python Faust app (snake_case attributes) writes:
 *
 * <pre>{@code
 * @Model(namespace = "orders.Order", naming = Naming.SNAKE_CASE)
 * record Order(String accountId, String productId, int amount) {}
 * // json: {"account_id": "a1", "product_id": "p1", "amount": 3, "__faust": {"ns": "orders.Order"}}
 * }</pre>
 *
 * <p>Words are split before an upper-case letter that follows a lower-case letter or a digit
 * ({@code accountId}: {@code account|Id}, {@code v2Name}: {@code v2|Name}) and before the last
 * letter of a run of capitals that a lower-case letter follows ({@code httpURLValue}: {@code
 * http|URL|Value}); digits stay with the word before them ({@code line2}) and underscores are kept.
 * A name the rule does not produce is set on the component with {@link FieldName}, which wins over
 * the model's naming.
 */
public enum Naming {
  /** The component's name as declared in Java: {@code accountId}. The default. */
  AS_DECLARED,
  /** Lower-case words joined by {@code _}: {@code account_id}, Python's and Faust's convention. */
  SNAKE_CASE,
  /** Lower-case words joined by {@code -}: {@code account-id}. Not a valid Avro field name. */
  KEBAB_CASE,
  /** The first letter in upper case: {@code AccountId}, as .NET and Go producers write. */
  UPPER_CAMEL_CASE;

  /**
   * @param componentName a record component's name, e.g. {@code accountId}
   * @return the name on the wire under this strategy, e.g. {@code account_id} for {@link
   *     #SNAKE_CASE}
   */
  public String apply(String componentName) {
    Objects.requireNonNull(componentName, "componentName");
    return switch (this) {
      case AS_DECLARED -> componentName;
      case SNAKE_CASE -> words(componentName, '_');
      case KEBAB_CASE -> words(componentName, '-');
      case UPPER_CAMEL_CASE -> componentName.isEmpty() ? componentName
          : Character.toUpperCase(componentName.charAt(0)) + componentName.substring(1);
    };
  }

  private static String words(String name, char separator) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char before = name.charAt(i - 1);
        boolean afterWord = Character.isLowerCase(before) || Character.isDigit(before);
        boolean endsAcronym = Character.isUpperCase(before) && i + 1 < n
            && Character.isLowerCase(name.charAt(i + 1));
        if (afterWord || endsAcronym) {
          out.append(separator);
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
