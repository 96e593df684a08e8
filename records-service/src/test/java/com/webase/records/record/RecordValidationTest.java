package com.webase.records.record;

import static com.webase.records.support.TestModels.enumOf;
import static com.webase.records.support.TestModels.field;
import static com.webase.records.support.TestModels.model;
import static com.webase.records.support.TestModels.ranged;
import static com.webase.records.support.TestModels.required;
import static org.assertj.core.api.Assertions.assertThat;

import com.webase.platform.problem.ProblemResponses.FieldError;
import com.webase.records.models.FieldType;
import com.webase.records.models.ModelDefinition;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RecordValidationTest {

  private static final JsonMapper json = new JsonMapper();
  private static final ModelDefinition MODEL =
      model(
          required("title", FieldType.STRING),
          ranged("qty", FieldType.INTEGER, 0, 10),
          field("price", FieldType.NUMBER),
          field("day", FieldType.DATE),
          field("at", FieldType.DATETIME),
          enumOf("status", "open", "closed"),
          field("site", FieldType.URL),
          field("mail", FieldType.EMAIL),
          field("doc", FieldType.JSON));

  private static RecordValidation.Outcome check(String body, RecordValidation.Mode mode) {
    return RecordValidation.check(MODEL, json.readTree(body), mode, "");
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    var outcome =
        check(
            "{\"qty\": 11, \"price\": \"1\", \"day\": \"2024-13-01\", \"at\": \"2024-01-01\","
                + " \"status\": \"gone\", \"site\": \"javascript:alert(1)\", \"mail\": \"a@b\"}",
            RecordValidation.Mode.CREATE);

    assertThat(outcome.errors())
        .extracting(FieldError::field)
        .containsExactly("title", "qty", "price", "day", "at", "status", "site", "mail");
  }

  @Test
  void valuesBecomeTheirColumnTypes() {
    var outcome =
        check(
            "{\"title\": \"t\", \"qty\": 3.0, \"price\": 2.5, \"day\": \"2024-02-29\","
                + " \"at\": \"2024-01-01T10:00:00.1234567+02:00\", \"doc\": [1, {\"a\": null}]}",
            RecordValidation.Mode.CREATE);

    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.values().get(MODEL.field("qty").orElseThrow())).isEqualTo(3L);
    assertThat(outcome.values().get(MODEL.field("day").orElseThrow()))
        .isEqualTo(LocalDate.parse("2024-02-29"));
    assertThat(outcome.values().get(MODEL.field("at").orElseThrow()))
        .isEqualTo(OffsetDateTime.parse("2024-01-01T08:00:00.123456Z"));
    assertThat(outcome.values().get(MODEL.field("status").orElseThrow())).isNull();
  }

  @Test
  void aPatchChangesOnlyWhatItNamesAndCannotClearARequiredField() {
    var patch = check("{\"qty\": null}", RecordValidation.Mode.PATCH);
    var clearRequired = check("{\"title\": null}", RecordValidation.Mode.PATCH);

    assertThat(patch.values()).containsOnlyKeys(MODEL.field("qty").orElseThrow());
    assertThat(clearRequired.errors()).extracting(FieldError::field).containsExactly("title");
  }

  @Test
  void unknownAndSystemFieldsAreRefusedWithThePrefixOfTheirItem() {
    var outcome =
        RecordValidation.check(
            MODEL,
            json.readTree("{\"title\": \"t\", \"tilte\": 1, \"updatedAt\": \"x\"}"),
            RecordValidation.Mode.CREATE,
            "records[4].");

    assertThat(outcome.errors())
        .extracting(FieldError::field)
        .containsExactly("records[4].tilte", "records[4].updatedAt");
  }

  @Test
  void aBodyThatIsNotAnObjectIsOneError() {
    assertThat(check("[1]", RecordValidation.Mode.CREATE).errors())
        .extracting(FieldError::field)
        .containsExactly("(body)");
  }

  @Test
  void wholeNumbersOutsideTheLongRangeAndFractionsAreNotIntegers() {
    assertThat(check("{\"title\":\"t\",\"qty\": 1.5}", RecordValidation.Mode.CREATE).errors())
        .extracting(FieldError::reason)
        .containsExactly("must be a whole number");
    ModelDefinition wide = model(field("n", FieldType.INTEGER));
    assertThat(
            RecordValidation.check(
                    wide,
                    json.readTree("{\"n\": 9223372036854775808}"),
                    RecordValidation.Mode.CREATE,
                    "")
                .errors())
        .hasSize(1);
  }
}
