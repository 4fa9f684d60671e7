package dev.mephisto.codec.json;

import static dev.mephisto.codec.json.FaustWireCompatibilityTest.text;
import static dev.mephisto.codec.json.FaustWireCompatibilityTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.FieldDefault;
import dev.mephisto.FieldName;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import dev.mephisto.codec.Codec;
import dev.mephisto.codec.Codecs;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Java records with camelCase components against the bytes Python Faust writes for snake_case
 * fields. Each message is what {@code json.dumps(record.to_representation())} gives for:
 *
 * <pre>
 * class Order(faust.Record, namespace='orders.Order'):
 *     account_id: str
 *     product_id: str
 *     amount: int
 *     price: float
 *     quantity: int = 1          # added in v2
 *     currency: str = 'EUR'      # added in v2
 *     gift_note: Optional[str] = None
 * </pre>
 */
class FaustFieldNamesTest {
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE_USE)
  @interface Nullable {}

  @Model(namespace = "orders.Order", naming = Naming.SNAKE_CASE)
  record Order(String accountId, String productId, int amount, double price,
      @FieldDefault("1") int quantity, @FieldDefault("EUR") String currency,
      Optional<String> giftNote) {}

  static final String V2 = "{\"account_id\": \"a1\", \"product_id\": \"p-100\", \"amount\": 3, "
      + "\"price\": 9.99, \"quantity\": 2, \"currency\": \"USD\", \"gift_note\": \"for ann\", "
      + "\"__faust\": {\"ns\": \"orders.Order\"}}";

  private final Codec json = Codecs.get("json");

  @Test
  void decodesFaustSnakeCaseFieldsIntoCamelCaseComponentsAndWritesFaustsBytesBack() {
    Order o = json.decode(utf8(V2), Order.class);
    assertEquals(new Order("a1", "p-100", 3, 9.99, 2, "USD", Optional.of("for ann")), o);
    assertEquals(V2, text(json.encode(o)));
  }

  @Test
  void encodesSnakeCaseFieldsInDeclarationOrderWithFaustLast() {
    assertEquals("{\"account_id\": \"a2\", \"product_id\": \"p-7\", \"amount\": 1, \"price\": 0.1,"
        + " \"quantity\": 1, \"currency\": \"EUR\", \"gift_note\": null, \"__faust\": {\"ns\":"
        + " \"orders.Order\"}}",
        text(json.encode(new Order("a2", "p-7", 1, 0.1, 1, "EUR", Optional.empty()))));
  }

  @Test
  void olderFaustMessageWithoutAddedFieldsTakesTheirDefaults() {
    String v1 = "{\"account_id\": \"a1\", \"product_id\": \"p-100\", \"amount\": 3, \"price\": 9.99,"
        + " \"__faust\": {\"ns\": \"orders.Order\"}}";
    Order o = json.decode(utf8(v1), Order.class);
    assertEquals(new Order("a1", "p-100", 3, 9.99, 1, "EUR", Optional.empty()), o);
    // what Faust v2 writes for the same order: the defaults spelled out
    assertEquals("{\"account_id\": \"a1\", \"product_id\": \"p-100\", \"amount\": 3, \"price\":"
        + " 9.99, \"quantity\": 1, \"currency\": \"EUR\", \"gift_note\": null, \"__faust\":"
        + " {\"ns\": \"orders.Order\"}}", text(json.encode(o)));
  }

  @Test
  void newerFaustMessageWithUnknownFieldsIgnoresThem() {
    String v3 = "{\"account_id\": \"a1\", \"product_id\": \"p-100\", \"amount\": 3, \"price\": 9.99,"
        + " \"quantity\": 2, \"currency\": \"USD\", \"gift_note\": null, \"loyalty_tier\": \"gold\","
        + " \"tags\": [\"x\", {\"y\": [1, 2]}], \"shipping\": {\"speed\": null}, \"__faust\":"
        + " {\"ns\": \"orders.Order\"}}";
    assertEquals(new Order("a1", "p-100", 3, 9.99, 2, "USD", Optional.empty()),
        json.decode(utf8(v3), Order.class));
  }

  @Test
  void plainDictWithoutFaustMetadataInAnyOrderDecodes() {
    String dict = "{\"price\": 12.5, \"amount\": 4, \"product_id\": \"p-400\", \"account_id\": \"a1\"}";
    assertEquals(new Order("a1", "p-400", 4, 12.5, 1, "EUR", Optional.empty()),
        json.decode(utf8(dict), Order.class));
  }

  @Test
  void missingFieldWithoutDefaultFailsNamingTheFieldAsItIsOnTheWire() {
    String noAccount = "{\"product_id\": \"p-100\", \"amount\": 3, \"price\": 9.99, \"__faust\":"
        + " {\"ns\": \"orders.Order\"}}";
    CodecException e = assertThrows(CodecException.class,
        () -> json.decode(utf8(noAccount), Order.class));
    assertEquals("field 'account_id' is missing; expected String (give the component a"
        + " @FieldDefault, or declare it Optional, if messages may lack the field) (decoding"
        + " Order)", e.getMessage());
  }

  @Test
  void javaNamesAreNotReadForASnakeCaseModel() {
    String camel = "{\"accountId\": \"a1\", \"productId\": \"p\", \"amount\": 3, \"price\": 1.0}";
    CodecException e = assertThrows(CodecException.class,
        () -> json.decode(utf8(camel), Order.class));
    assertTrue(e.getMessage().startsWith("field 'account_id' is missing"), e.getMessage());
  }

  @Test
  void aDefaultAppliesToAnAbsentFieldNotToNull() {
    String nullQuantity = "{\"account_id\": \"a1\", \"product_id\": \"p\", \"amount\": 3, \"price\":"
        + " 1.0, \"quantity\": null}";
    CodecException e = assertThrows(CodecException.class,
        () -> json.decode(utf8(nullQuantity), Order.class));
    assertEquals("field 'quantity' expected int but was null (decoding Order)", e.getMessage());
  }

  @Model(namespace = "shop.Payment", naming = Naming.SNAKE_CASE)
  record Payment(@FieldName("acct") String accountId, @FieldName("AmountInCents") long amountCents,
      String paymentMethod) {}

  @Test
  void fieldNameWinsOverTheModelsNaming() {
    String wire = "{\"acct\": \"a1\", \"AmountInCents\": 1250, \"payment_method\": \"card\","
        + " \"__faust\": {\"ns\": \"shop.Payment\"}}";
    Payment p = json.decode(utf8(wire), Payment.class);
    assertEquals(new Payment("a1", 1250, "card"), p);
    assertArrayEquals(utf8(wire), json.encode(p));
  }

  record Coupon(@Nullable String code, @FieldDefault("0") int percent) {}

  @Test
  void nullableComponentIsNullWhenAbsentOrNullAndWrittenAsNull() {
    assertEquals(new Coupon(null, 0), json.decode(utf8("{}"), Coupon.class));
    assertEquals(new Coupon(null, 5), json.decode(utf8("{\"code\": null, \"percent\": 5}"),
        Coupon.class));
    assertEquals("{\"code\": null, \"percent\": 0, \"__faust\": {\"ns\": \""
        + Coupon.class.getName() + "\"}}", text(json.encode(new Coupon(null, 0))));
  }

  @Model(namespace = "orders.Line", naming = Naming.SNAKE_CASE)
  record Line(String productId, int unitCount) {}

  /** Nested records follow their own @Model: Line is snake_case, Basket keeps the Java names. */
  @Model(namespace = "orders.Basket")
  record Basket(String basketId, List<Line> lineItems, Map<String, Integer> stockByProductId) {}

  @Test
  void nestedRecordsUseTheirOwnNamingAndMapKeysStayAsTheyAre() {
    String wire = "{\"basketId\": \"b1\", \"lineItems\": [{\"product_id\": \"p1\", \"unit_count\":"
        + " 2, \"__faust\": {\"ns\": \"orders.Line\"}}], \"stockByProductId\": {\"productId\": 3},"
        + " \"__faust\": {\"ns\": \"orders.Basket\"}}";
    Basket b = json.decode(utf8(wire), Basket.class);
    assertEquals(new Basket("b1", List.of(new Line("p1", 2)), Map.of("productId", 3)), b);
    assertEquals(wire, text(json.encode(b)));
  }

  sealed interface Event permits Opened, Closed {}

  @Model(namespace = "accounts.Opened", naming = Naming.SNAKE_CASE)
  record Opened(String accountId, @FieldDefault("STANDARD") Tier accountTier) implements Event {}

  @Model(namespace = "accounts.Closed", naming = Naming.SNAKE_CASE)
  record Closed(String accountId, String closedBy) implements Event {}

  enum Tier { STANDARD, GOLD }

  @Test
  void sealedInterfacePicksTheRecordByNamespaceThenReadsItsSnakeCaseFields() {
    assertEquals(new Opened("a1", Tier.STANDARD), json.decode(utf8("{\"account_id\": \"a1\","
        + " \"__faust\": {\"ns\": \"accounts.Opened\"}}"), Event.class));
    assertEquals(new Closed("a1", "ops"), json.decode(utf8("{\"__faust\": {\"ns\":"
        + " \"accounts.Closed\"}, \"account_id\": \"a1\", \"closed_by\": \"ops\"}"), Event.class));
    byte[] wire = json.encode(new Opened("a2", Tier.GOLD));
    assertEquals("{\"account_id\": \"a2\", \"account_tier\": \"GOLD\", \"__faust\": {\"ns\":"
        + " \"accounts.Opened\"}}", text(wire));
    assertEquals(new Opened("a2", Tier.GOLD), json.decode(wire, Event.class));
  }

  @Model(naming = Naming.KEBAB_CASE, faustMetadata = false)
  record Kebab(String accountId, int itemCount) {}

  @Model(naming = Naming.UPPER_CAMEL_CASE, faustMetadata = false)
  record Pascal(String accountId, int itemCount) {}

  @Test
  void otherNamingStrategiesRoundTrip() {
    assertEquals("{\"account-id\": \"a\", \"item-count\": 2}", text(json.encode(new Kebab("a", 2))));
    assertEquals(new Kebab("a", 2), json.decode(utf8("{\"account-id\": \"a\", \"item-count\": 2}"),
        Kebab.class));
    assertEquals("{\"AccountId\": \"a\", \"ItemCount\": 2}", text(json.encode(new Pascal("a", 2))));
    assertEquals(new Pascal("a", 2), json.decode(utf8("{\"AccountId\": \"a\", \"ItemCount\": 2}"),
        Pascal.class));
  }

  record BadDefault(String id, @FieldDefault("ten") int amount) {}

  record Holder(BadDefault inner) {}

  record Reserved(@FieldName("__faust") String metadata) {}

  @Test
  void aModelWhoseAnnotationsAreWrongFailsAsACodecExceptionOnEncodeAndDecode() {
    String expected = "Model '" + BadDefault.class.getName() + "': component 'amount' has"
        + " @FieldDefault(\"ten\"), but an int is a whole number from -2147483648 to 2147483647";
    CodecException d = assertThrows(CodecException.class,
        () -> json.decode(utf8("{\"id\": \"x\"}"), BadDefault.class));
    assertTrue(d.getMessage().contains(expected), d.getMessage());
    CodecException n = assertThrows(CodecException.class,
        () -> json.decode(utf8("{\"inner\": {\"id\": \"x\"}}"), Holder.class));
    assertTrue(n.getMessage().contains(expected), n.getMessage());
    CodecException en = assertThrows(CodecException.class,
        () -> json.encode(new BadDefault("x", 1)));
    assertTrue(en.getMessage().contains(expected), en.getMessage());
    CodecException r = assertThrows(CodecException.class,
        () -> json.encode(new Reserved("x")));
    assertTrue(r.getMessage().contains("has the field name '__faust', which Faust keeps for its"
        + " metadata"), r.getMessage());
  }
}
