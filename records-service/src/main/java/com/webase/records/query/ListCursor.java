package com.webase.records.query;

import com.webase.platform.problem.ProblemException;
import com.webase.records.models.FieldType;
import com.webase.records.models.FieldValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The opaque {@code cursor} of a list: the sort it belongs to, and the sort value and id of the
 * last row of the page (keyset pagination: the next page is what sorts after that pair, so rows
 * inserted meanwhile neither shift nor repeat what was already paged).
 *
 * <p>Written as base64url JSON plus a short digest of it. The digest is no secret — a cursor only
 * places a page within what the caller may read anyway — it catches a cursor that was cut, edited
 * or made up, which is answered 400 naming {@code cursor}, as is a cursor of another sort. Pure.
 */
final class ListCursor {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int DIGEST_BYTES = 9;
  private static final int MAX_LENGTH = 4096;

  private ListCursor() {}

  static String encode(ListQuery.Sort sort, ListQuery.Position last) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("s", sort.spec());
    if (!sort.target().isId()) {
      node.set("v", FieldValues.toJson(sort.target().type(), last.value()));
    }
    node.put("i", last.id().toString());
    byte[] payload = JSON.writeValueAsBytes(node);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString(payload) + "." + base64.encodeToString(digest(payload));
  }

  /** The position a cursor stands for, under {@code sort}; 400 naming {@code cursor} otherwise. */
  static ListQuery.Position decode(String cursor, ListQuery.Sort sort) {
    if (cursor.length() > MAX_LENGTH) {
      throw invalid("is not a cursor this API returned");
    }
    JsonNode node;
    try {
      int dot = cursor.indexOf('.');
      byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
      byte[] digest = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(digest, digest(payload))) {
        throw invalid("is not a cursor this API returned");
      }
      node = JSON.readTree(payload);
    } catch (ProblemException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid("is not a cursor this API returned");
    }
    if (!node.isObject() || !node.path("s").isString() || !node.path("i").isString()) {
      throw invalid("is not a cursor this API returned");
    }
    if (!node.get("s").stringValue().equals(sort.spec())) {
      throw invalid(
          "belongs to sort="
              + node.get("s").stringValue()
              + ", not sort="
              + sort.spec()
              + "; start again without a cursor");
    }
    UUID id;
    try {
      id = UUID.fromString(node.get("i").stringValue());
    } catch (IllegalArgumentException e) {
      throw invalid("is not a cursor this API returned");
    }
    if (sort.target().isId()) {
      return new ListQuery.Position(null, id);
    }
    JsonNode value = node.get("v");
    if (value == null) {
      throw invalid("is not a cursor this API returned");
    }
    try {
      return new ListQuery.Position(value(sort.target().type(), value), id);
    } catch (FieldValues.Invalid | RuntimeException e) {
      // e.g. the field was retyped since the cursor was made
      throw invalid("no longer fits the field " + sort.target().name() + "; start again");
    }
  }

  private static Object value(FieldType type, JsonNode value) throws FieldValues.Invalid {
    if (value.isNull()) {
      return null;
    }
    return switch (type) {
      case INTEGER -> {
        if (!value.isIntegralNumber()) {
          throw new FieldValues.Invalid("not an integer");
        }
        yield value.longValue();
      }
      case NUMBER -> {
        if (!value.isNumber()) {
          throw new FieldValues.Invalid("not a number");
        }
        yield value.doubleValue();
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw new FieldValues.Invalid("not a boolean");
        }
        yield value.booleanValue();
      }
      case DATE -> {
        LocalDate date = FieldValues.parseDate(value.stringValue());
        yield date;
      }
      case DATETIME -> {
        OffsetDateTime at = FieldValues.parseDatetime(value.stringValue());
        yield at;
      }
      case JSON -> throw new FieldValues.Invalid("json does not sort");
      default -> {
        if (!value.isString()) {
          throw new FieldValues.Invalid("not text");
        }
        yield value.stringValue();
      }
    };
  }

  private static byte[] digest(byte[] payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("webase-records-cursor/1".getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(sha.digest(payload), DIGEST_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProblemException invalid(String reason) {
    return ProblemException.invalid("cursor", reason);
  }
}
