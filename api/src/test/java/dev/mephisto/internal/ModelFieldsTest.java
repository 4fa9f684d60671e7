package dev.mephisto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.CodecException;
import dev.mephisto.FieldDefault;
import dev.mephisto.FieldName;
import dev.mephisto.Model;
import dev.mephisto.Naming;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelFieldsTest {
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE_USE})
  @interface Nullable {}

  enum Size { S, M, L }

  @Model(naming = Naming.SNAKE_CASE)
  record Order(String accountId, @FieldName("qty") int quantity, Optional<String> giftNote,
      @Nullable String coupon) {}

  record Plain(String accountId) {}

  record Defaults(
      @FieldDefault("EUR") String currency,
      @FieldDefault("true") boolean active,
      @FieldDefault("-7") int i,
      @FieldDefault("9000000000") long l,
      @FieldDefault("-3") short s,
      @FieldDefault("12") Byte b,
      @FieldDefault("2.5e3") double d,
      @FieldDefault("0.1") float f,
      @FieldDefault("x") char c,
      @FieldDefault("12.50") BigDecimal price,
      @FieldDefault("123456789012345678901234567890") BigInteger big,
      @FieldDefault("M") Size size,
      @FieldDefault("123e4567-e89b-12d3-a456-426614174000") UUID id,
      @FieldDefault("2024-01-31T12:00:00Z") Instant at,
      @FieldDefault("2024-01-31") LocalDate day,
      @FieldDefault("[]") List<String> tags,
      @FieldDefault("[]") Set<Integer> ids,
      @FieldDefault("{}") Map<String, Long> counts,
      @FieldDefault("") String empty,
      @FieldDefault("note") Optional<String> note) {}

  @Test
  void namesComeFromTheModelsNamingUnlessAFieldNameIsGiven() {
    List<ModelFields.Field> f = ModelFields.of(Order.class);
    assertEquals(List.of("account_id", "qty", "gift_note", "coupon"),
        f.stream().map(ModelFields.Field::name).toList());
    assertEquals("accountId", f.get(0).javaName());
    assertEquals(List.of("accountId"),
        ModelFields.of(Plain.class).stream().map(ModelFields.Field::name).toList());
    assertSame(f, ModelFields.of(Order.class), "worked out once per class");
  }

  @Test
  void requiredUnlessOptionalNullableOrDefaulted() {
    List<ModelFields.Field> f = ModelFields.of(Order.class);
    assertFalse(f.get(0).mayBeAbsent());
    assertFalse(f.get(1).mayBeAbsent());
    assertTrue(f.get(2).mayBeAbsent());
    assertEquals(Optional.empty(), f.get(2).absentValue());
    assertTrue(f.get(3).nullable());
    assertTrue(f.get(3).mayBeAbsent());
    assertNull(f.get(3).absentValue());
  }

  @Test
  void defaultsAreReadWithTheComponentsType() {
    List<Object> values = ModelFields.of(Defaults.class).stream()
        .map(ModelFields.Field::absentValue).toList();
    assertEquals(List.of("EUR", true, -7, 9_000_000_000L, (short) -3, (byte) 12, 2500.0, 0.1f, 'x',
        new BigDecimal("12.50"), new BigInteger("123456789012345678901234567890"), Size.M,
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        Instant.parse("2024-01-31T12:00:00Z"), LocalDate.of(2024, 1, 31), List.of(), Set.of(),
        Map.of(), "", Optional.of("note")), values);
  }

  record BadInt(@FieldDefault("ten") int amount) {}

  record IntOutOfRange(@FieldDefault("2147483648") int amount) {}

  record BadBoolean(@FieldDefault("yes") boolean on) {}

  record BadEnum(@FieldDefault("XL") Size size) {}

  record BadList(@FieldDefault("[\"a\"]") List<String> tags) {}

  record Unsupported(@FieldDefault("x") Plain plain) {}

  record BadDouble(@FieldDefault("NaN") double d) {}

  record HugeFloat(@FieldDefault("1e39") float f) {}

  record BadUuid(@FieldDefault("1-2-3-4-5") UUID id) {}

  record BadInstant(@FieldDefault("yesterday") Instant at) {}

  @Test
  void defaultsThatDoNotFitTheTypeFailNamingComponentValueAndWhatIsExpected() {
    assertProblem(BadInt.class, "component 'amount' has @FieldDefault(\"ten\"), but an int is a"
        + " whole number from -2147483648 to 2147483647");
    assertProblem(IntOutOfRange.class, "an int is a whole number");
    assertProblem(BadBoolean.class, "a boolean is \"true\" or \"false\"");
    assertProblem(BadEnum.class, "Size has no constant of that name; expected one of [S, M, L]");
    assertProblem(BadList.class, "can only be empty");
    assertProblem(Unsupported.class, "a default cannot be given for type");
    assertProblem(BadDouble.class, "a double is a decimal number");
    assertProblem(HugeFloat.class, "out of the range of a float");
    assertProblem(BadUuid.class, "a UUID is 36 characters");
    assertProblem(BadInstant.class, "an Instant is ISO-8601 text");
  }

  @Model(naming = Naming.SNAKE_CASE)
  record Clash(String accountId, String account_id) {}

  record ExplicitClash(@FieldName("id") String key, String id) {}

  record EmptyName(@FieldName("") String id) {}

  @Test
  void twoComponentsWithOneFieldNameOrAnEmptyNameFail() {
    assertProblem(Clash.class, "component 'account_id' has the field name 'account_id', which"
        + " component 'accountId' has too (Naming.SNAKE_CASE); give one of them another"
        + " @FieldName");
    assertProblem(ExplicitClash.class, "component 'id' has the field name 'id', which component"
        + " 'key' has too");
    assertProblem(EmptyName.class, "has @FieldName(\"\"), but a field name cannot be empty");
  }

  private static void assertProblem(Class<?> record, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> ModelFields.of(record));
    assertTrue(e.getMessage().startsWith("Model '" + record.getName() + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  record Nested(String id, Optional<List<Map<String, BadInt[]>>> deep) {}

  sealed interface Shape permits Fine, Broken {}

  record Fine(String id) implements Shape {}

  record Broken(BadEnum inner) implements Shape {}

  @Test
  void checkFindsAWrongRecordAnywhereADeclaredTypeReaches() {
    CodecException e = assertThrows(CodecException.class, () -> ModelFields.check(Nested.class));
    assertTrue(e.getMessage().startsWith("Model '" + BadInt.class.getName() + "'"), e.getMessage());
    CodecException s = assertThrows(CodecException.class, () -> ModelFields.check(Shape.class));
    assertTrue(s.getMessage().startsWith("Model '" + BadEnum.class.getName() + "'"), s.getMessage());
    ModelFields.check(Order.class);
    ModelFields.check(Defaults.class);
    ModelFields.check(String.class);
  }
}
