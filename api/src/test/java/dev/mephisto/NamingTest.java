package dev.mephisto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingTest {
  @ParameterizedTest
  @CsvSource({
      "accountId, account_id",
      "id, id",
      "amount, amount",
      "account_id, account_id",
      "productIdV2, product_id_v2",
      "line2, line2",
      "line2Text, line2_text",
      "v2Name, v2_name",
      "httpURLValue, http_url_value",
      "URLValue, url_value",
      "userURL, user_url",
      "URL, url",
      "aB, a_b",
      "_private, _private",
      "größeInCm, größe_in_cm",
  })
  void snakeCaseSplitsWordsAsPythonNamesThem(String java, String wire) {
    assertEquals(wire, Naming.SNAKE_CASE.apply(java));
  }

  @ParameterizedTest
  @CsvSource({"accountId, account-id", "httpURLValue, http-url-value", "id, id"})
  void kebabCaseJoinsTheSameWordsWithDashes(String java, String wire) {
    assertEquals(wire, Naming.KEBAB_CASE.apply(java));
  }

  @ParameterizedTest
  @CsvSource({"accountId, AccountId", "id, Id", "URL, URL", "ölPreis, ÖlPreis"})
  void upperCamelCaseCapitalisesTheFirstLetter(String java, String wire) {
    assertEquals(wire, Naming.UPPER_CAMEL_CASE.apply(java));
  }

  @ParameterizedTest
  @CsvSource({"accountId", "account_id", "URL"})
  void asDeclaredKeepsTheJavaName(String java) {
    assertEquals(java, Naming.AS_DECLARED.apply(java));
  }
}
