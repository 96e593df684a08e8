package com.webase.records.models;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns a client's JSON value into the Java value its column stores, or says why it cannot be — and
 * a stored value back into JSON. Pure and thread-safe.
 *
 * <p>Column values: {@code String} for the text-like types, {@code Long}, {@code Double}, {@code
 * Boolean}, {@code LocalDate}, {@code OffsetDateTime} in UTC to the microsecond (what PostgreSQL
 * keeps), and {@link JsonText} for json.
 */
public final class FieldValues {

  /** json values are at most this large, serialised. */
  public static final int JSON_CAP_BYTES = 64 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

  private FieldValues() {}

  /** A json value as its text, bound to a jsonb column. */
  public record JsonText(String json) {}

  /** Why a value was refused, in words for the client. */
  public static final class Invalid extends Exception {
    public Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The column value for {@code value} (not null, not JSON null) in {@code field}. */
  public static Object toColumn(Field field, JsonNode value) throws Invalid {
    return switch (field.type()) {
      case STRING, TEXT -> text(field, value, "a string");
      case EMAIL -> {
        String s = text(field, value, "an email address");
        if (s.length() > 254 || !EMAIL.matcher(s).matches()) {
          throw new Invalid("must be an email address like name@example.com");
        }
        yield s;
      }
      case URL -> url(field, value);
      case ENUM -> {
        String s = text(field, value, "one of " + String.join(", ", field.values()));
        if (!field.values().contains(s)) {
          throw new Invalid("must be one of " + String.join(", ", field.values()));
        }
        yield s;
      }
      case INTEGER -> integer(field, value);
      case NUMBER -> number(field, value);
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw new Invalid("must be true or false");
        }
        yield value.booleanValue();
      }
      case DATE -> date(value);
      case DATETIME -> datetime(value);
      case JSON -> json(value);
    };
  }

  /** The JSON a client sees for a stored column value (null for none). */
  public static JsonNode toJson(FieldType type, Object stored) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (stored == null) {
      return nodes.nullNode();
    }
    return switch (type) {
      case STRING, TEXT, EMAIL, URL, ENUM -> nodes.stringNode((String) stored);
      case INTEGER -> nodes.numberNode(((Number) stored).longValue());
      case NUMBER -> nodes.numberNode(((Number) stored).doubleValue());
      case BOOLEAN -> nodes.booleanNode((Boolean) stored);
      case DATE -> nodes.stringNode(stored.toString());
      case DATETIME ->
          nodes.stringNode(
              ((OffsetDateTime) stored).toInstant().truncatedTo(ChronoUnit.MICROS).toString());
      case JSON -> JSON.readTree(stored instanceof JsonText text ? text.json() : stored.toString());
    };
  }

  /** A date as ISO {@code yyyy-MM-dd}, years 1 to 9999. */
  public static LocalDate parseDate(String text) throws Invalid {
    try {
      LocalDate date = LocalDate.parse(text);
      if (date.getYear() < 1 || date.getYear() > 9999) {
        throw new Invalid("must be a date between 0001-01-01 and 9999-12-31");
      }
      return date;
    } catch (DateTimeException e) {
      throw new Invalid("must be a date like 2024-12-31");
    }
  }

  /** A date-time with an offset (RFC 3339), kept in UTC to the microsecond. */
  public static OffsetDateTime parseDatetime(String text) throws Invalid {
    try {
      OffsetDateTime at = OffsetDateTime.parse(text);
      OffsetDateTime utc = at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      if (utc.getYear() < 1 || utc.getYear() > 9999) {
        throw new Invalid("must be a date-time between the years 1 and 9999");
      }
      return utc;
    } catch (DateTimeException e) {
      // a parse error, or a date-time that leaves the representable range when moved to UTC
      throw new Invalid("must be a date-time with an offset, like 2024-12-31T23:59:00Z");
    }
  }

  /** Whether {@code text} holds a character PostgreSQL cannot store in text. */
  public static boolean hasNul(String text) {
    return text.indexOf('\u0000') >= 0;
  }

  private static String text(Field field, JsonNode value, String expected) throws Invalid {
    if (!value.isString()) {
      throw new Invalid("must be " + expected);
    }
    String s = value.stringValue();
    if (hasNul(s)) {
      throw new Invalid("must not contain the NUL character");
    }
    int length = s.codePointCount(0, s.length());
    int max = field.maxLengthOrCap();
    if (length > max) {
      throw new Invalid("must be at most " + max + " characters long");
    }
    if (field.minLength() != null && length < field.minLength()) {
      throw new Invalid("must be at least " + field.minLength() + " characters long");
    }
    return s;
  }

  private static String url(Field field, JsonNode value) throws Invalid {
    String s = text(field, value, "an http or https URL");
    try {
      if (!StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
        throw new URISyntaxException(s, "not ASCII");
      }
      URI uri = new URI(s);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(s, "not http");
      }
      return s;
    } catch (URISyntaxException e) {
      throw new Invalid("must be an absolute http or https URL (percent-encode other characters)");
    }
  }

  private static Long integer(Field field, JsonNode value) throws Invalid {
    BigDecimal decimal = decimal(value, "a whole number");
    long whole;
    try {
      whole = decimal.longValueExact();
    } catch (ArithmeticException e) {
      throw new Invalid(
          decimal.stripTrailingZeros().scale() > 0
              ? "must be a whole number"
              : "must be between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
    }
    range(field, BigDecimal.valueOf(whole));
    return whole;
  }

  private static Double number(Field field, JsonNode value) throws Invalid {
    BigDecimal decimal = decimal(value, "a number");
    double d = decimal.doubleValue();
    if (Double.isInfinite(d)) {
      throw new Invalid("must be a number of at most about 1.8e308");
    }
    range(field, decimal);
    return d;
  }

  private static BigDecimal decimal(JsonNode value, String expected) throws Invalid {
    if (!value.isNumber()) {
      throw new Invalid("must be " + expected);
    }
    if (value.isDouble() || value.isFloat()) {
      double d = value.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new Invalid("must be a finite number");
      }
    }
    return value.decimalValue();
  }

  private static void range(Field field, BigDecimal value) throws Invalid {
    if (field.min() != null && value.compareTo(field.min()) < 0) {
      throw new Invalid("must be at least " + field.min().toPlainString());
    }
    if (field.max() != null && value.compareTo(field.max()) > 0) {
      throw new Invalid("must be at most " + field.max().toPlainString());
    }
  }

  private static LocalDate date(JsonNode value) throws Invalid {
    if (!value.isString()) {
      throw new Invalid("must be a date like 2024-12-31");
    }
    return parseDate(value.stringValue());
  }

  private static OffsetDateTime datetime(JsonNode value) throws Invalid {
    if (!value.isString()) {
      throw new Invalid("must be a date-time with an offset, like 2024-12-31T23:59:00Z");
    }
    return parseDatetime(value.stringValue());
  }

  private static JsonText json(JsonNode value) throws Invalid {
    if (containsNul(value)) {
      throw new Invalid("must not contain the NUL character (\\u0000)");
    }
    String text = JSON.writeValueAsString(value);
    if (text.getBytes(StandardCharsets.UTF_8).length > JSON_CAP_BYTES) {
      throw new Invalid("must be at most " + JSON_CAP_BYTES + " bytes as JSON");
    }
    return new JsonText(text);
  }

  private static boolean containsNul(JsonNode node) {
    if (node.isString()) {
      return hasNul(node.stringValue());
    }
    if (node.isObject()) {
      for (var entry : node.properties()) {
        if (hasNul(entry.getKey()) || containsNul(entry.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (containsNul(item)) {
          return true;
        }
      }
    }
    return false;
  }
}
