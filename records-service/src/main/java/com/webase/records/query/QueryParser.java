package com.webase.records.query;

import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses.FieldError;
import com.webase.records.models.Field;
import com.webase.records.models.FieldType;
import com.webase.records.models.FieldValues;
import com.webase.records.models.ModelDefinition;
import com.webase.records.query.ListQuery.Filter;
import com.webase.records.query.ListQuery.Operator;
import com.webase.records.query.ListQuery.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Reads the query string of a record list. The syntax, in full (records-service/QUERY.md):
 *
 * <pre>
 * filter=FIELD:OPERATOR:VALUE   repeatable, all must hold (AND); at most 20
 * sort=FIELD | sort=-FIELD      one field, ascending or (-) descending; ties go by id
 * limit=N                       1 to 500, default 50
 * cursor=…                      nextCursor of the previous page, with the same sort
 * count=true                    also give the total number of matching records
 * </pre>
 *
 * Operators: {@code eq ne gt gte lt lte in contains startsWith isNull}. The value is everything
 * after the second colon; {@code in} takes a comma-separated list (write {@code \,} for a comma in
 * a value and {@code \\} for a backslash); {@code isNull} takes {@code true} or {@code false}.
 * FIELD is a field of the model or {@code id}, {@code createdAt}, {@code updatedAt}.
 *
 * <p>Every mistake is reported at once, each naming its parameter: {@code filter[2]: unknown
 * operator 'gtx'}. Pure and thread-safe.
 */
final class QueryParser {

  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_FILTERS = 20;
  static final int MAX_IN_VALUES = 100;
  static final int MAX_VALUE_LENGTH = 1000;

  private static final Set<String> PARAMETERS =
      Set.of("filter", "sort", "limit", "cursor", "count");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String OPERATORS =
      Arrays.stream(Operator.values()).map(o -> o.wire).collect(Collectors.joining(", "));

  private QueryParser() {}

  static ListQuery parse(ModelDefinition model, Map<String, List<String>> parameters) {
    List<FieldError> errors = new ArrayList<>();
    parameters.keySet().stream()
        .filter(name -> !PARAMETERS.contains(name))
        .sorted()
        .forEach(
            name ->
                errors.add(
                    new FieldError(
                        name,
                        "is not a query parameter (use filter, sort, limit, cursor, count)")));
    for (String single : List.of("sort", "limit", "cursor", "count")) {
      if (parameters.getOrDefault(single, List.of()).size() > 1) {
        errors.add(new FieldError(single, "may be given once"));
      }
    }

    List<String> filterTexts = parameters.getOrDefault("filter", List.of());
    List<Filter> filters = new ArrayList<>();
    if (filterTexts.size() > MAX_FILTERS) {
      errors.add(new FieldError("filter", "may be given at most " + MAX_FILTERS + " times"));
    } else {
      for (int i = 0; i < filterTexts.size(); i++) {
        try {
          filters.add(filter(model, filterTexts.get(i)));
        } catch (Refused e) {
          errors.add(new FieldError("filter[" + i + "]", e.getMessage()));
        }
      }
    }

    ListQuery.Sort sort = new ListQuery.Sort(idTarget(), false);
    String sortText = first(parameters, "sort");
    if (sortText != null) {
      boolean descending = sortText.startsWith("-");
      String name = descending ? sortText.substring(1) : sortText;
      Optional<Target> target = target(model, name);
      if (target.isEmpty()) {
        errors.add(new FieldError("sort", unknownField(model, name)));
      } else if (target.get().type() == FieldType.JSON) {
        errors.add(new FieldError("sort", "json field " + name + " cannot be sorted on"));
      } else {
        sort = new ListQuery.Sort(target.get(), descending);
      }
    }

    int limit = DEFAULT_LIMIT;
    String limitText = first(parameters, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
      }
    }

    boolean count = false;
    String countText = first(parameters, "count");
    if (countText != null) {
      if (!countText.equals("true") && !countText.equals("false")) {
        errors.add(new FieldError("count", "must be true or false"));
      }
      count = countText.equals("true");
    }

    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    String cursorText = first(parameters, "cursor");
    ListQuery.Position after = cursorText == null ? null : ListCursor.decode(cursorText, sort);
    return new ListQuery(List.copyOf(filters), sort, limit, after, count);
  }

  private static Filter filter(ModelDefinition model, String text) throws Refused {
    int first = text.indexOf(':');
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (second < 0) {
      throw new Refused("must look like field:operator:value, e.g. price:gte:10");
    }
    String name = text.substring(0, first);
    String operatorText = text.substring(first + 1, second);
    String value = text.substring(second + 1);
    Target target = target(model, name).orElseThrow(() -> new Refused(unknownField(model, name)));
    Operator operator =
        Arrays.stream(Operator.values())
            .filter(o -> o.wire.equals(operatorText))
            .findFirst()
            .orElseThrow(
                () ->
                    new Refused(
                        "unknown operator '" + shorten(operatorText) + "'; one of " + OPERATORS));
    if (value.length() > MAX_VALUE_LENGTH * 10) {
      throw new Refused("value is too long");
    }
    String typeName = target.isId() ? "id" : target.type().wireName();
    boolean allowed =
        switch (operator) {
          case IS_NULL -> true;
          case EQ, NE, IN -> target.type() != FieldType.JSON;
          case GT, GTE, LT, LTE -> target.isId() || target.type().ordered();
          case CONTAINS, STARTS_WITH -> !target.isId() && target.type().textual();
        };
    if (!allowed) {
      throw new Refused(
          "operator " + operator.wire + " does not apply to " + name + " (" + typeName + ")");
    }
    return switch (operator) {
      case IS_NULL -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new Refused("isNull takes true or false");
        }
        yield new Filter(target, operator, List.of(Boolean.valueOf(value)));
      }
      case IN -> {
        List<String> items = splitList(value);
        if (items.size() > MAX_IN_VALUES) {
          throw new Refused("in takes at most " + MAX_IN_VALUES + " values");
        }
        List<Object> values = new ArrayList<>();
        for (String item : items) {
          values.add(value(target, item));
        }
        yield new Filter(target, operator, values);
      }
      case CONTAINS, STARTS_WITH -> {
        if (value.isEmpty()) {
          throw new Refused(operator.wire + " needs a value");
        }
        yield new Filter(target, operator, List.of(value(target, value)));
      }
      default -> new Filter(target, operator, List.of(value(target, value)));
    };
  }

  /** A filter value as the column value to compare with. */
  private static Object value(Target target, String text) throws Refused {
    if (text.length() > MAX_VALUE_LENGTH) {
      throw new Refused("a value may be at most " + MAX_VALUE_LENGTH + " characters");
    }
    String name = target.name();
    if (target.isId()) {
      if (!UUID_TEXT.matcher(text).matches()) {
        throw new Refused("'" + shorten(text) + "' is not a record id");
      }
      return UUID.fromString(text);
    }
    try {
      return switch (target.type()) {
        case INTEGER -> {
          try {
            yield new BigDecimal(text).longValueExact();
          } catch (ArithmeticException | NumberFormatException e) {
            throw new FieldValues.Invalid("is not a whole number");
          }
        }
        case NUMBER -> {
          try {
            double d = new BigDecimal(text).doubleValue();
            if (Double.isInfinite(d)) {
              throw new NumberFormatException();
            }
            yield d;
          } catch (NumberFormatException e) {
            throw new FieldValues.Invalid("is not a number");
          }
        }
        case BOOLEAN -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new FieldValues.Invalid("is not true or false");
          }
          yield Boolean.valueOf(text);
        }
        case DATE -> FieldValues.parseDate(text);
        case DATETIME -> FieldValues.parseDatetime(text);
        default -> {
          if (FieldValues.hasNul(text)) {
            throw new FieldValues.Invalid("contains the NUL character");
          }
          yield text;
        }
      };
    } catch (FieldValues.Invalid e) {
      String reason = e.getMessage();
      throw new Refused(
          "'"
              + shorten(text)
              + "' "
              + (reason.startsWith("is ") || reason.startsWith("contains ")
                  ? reason
                  : reason.replaceFirst("^must be", "is not"))
              + " ("
              + name
              + " is "
              + target.type().wireName()
              + ")");
    }
  }

  /** Splits an {@code in} list at unescaped commas; {@code \,} and {@code \\} escape. */
  static List<String> splitList(String text) throws Refused {
    List<String> items = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 >= text.length() || (text.charAt(i + 1) != ',' && text.charAt(i + 1) != '\\')) {
          throw new Refused("in: a backslash must escape a comma or a backslash");
        }
        current.append(text.charAt(++i));
      } else if (c == ',') {
        items.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    items.add(current.toString());
    return items;
  }

  private static Optional<Target> target(ModelDefinition model, String name) {
    return switch (name) {
      case "id" -> Optional.of(idTarget());
      case "createdAt" ->
          Optional.of(new Target("createdAt", "created_at", FieldType.DATETIME, false));
      case "updatedAt" ->
          Optional.of(new Target("updatedAt", "updated_at", FieldType.DATETIME, false));
      default -> model.field(name).map(QueryParser::targetOf);
    };
  }

  private static Target targetOf(Field field) {
    return new Target(field.name(), field.column(), field.type(), true);
  }

  private static Target idTarget() {
    return new Target("id", "id", null, false);
  }

  private static String unknownField(ModelDefinition model, String name) {
    return "unknown field '"
        + shorten(name)
        + "' (model "
        + model.name()
        + " has "
        + fieldList(model)
        + ")";
  }

  private static String fieldList(ModelDefinition model) {
    List<String> names = new ArrayList<>();
    names.add("id");
    model.fields().forEach(f -> names.add(f.name()));
    names.add("createdAt");
    names.add("updatedAt");
    return String.join(", ", names);
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        "invalid-query",
        "Invalid query",
        "The query has "
            + errors.size()
            + " mistake(s): "
            + errors.stream()
                .map(e -> e.field() + ": " + e.reason())
                .collect(Collectors.joining("; ")),
        Map.of("errors", errors));
  }

  /** A part of the query that cannot be used, and why. */
  static final class Refused extends Exception {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
