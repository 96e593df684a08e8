package com.webase.records.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.records.support.Api;
import com.webase.records.support.RecordsServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code Idempotency-Key} on creates (the service kit's filter, DESIGN §7): a retry writes once.
 */
@RecordsServiceTest
class IdempotentCreatesIT {

  @LocalServerPort int port;

  private Api api;
  private String records;

  @BeforeEach
  void anAppWithAModel() {
    api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(
        app,
        "readings",
        "[{\"name\":\"sensor\",\"type\":\"string\",\"required\":true},"
            + "{\"name\":\"value\",\"type\":\"number\"},"
            + "{\"name\":\"serial\",\"type\":\"integer\",\"unique\":true}]");
    records = "/api/v1/apps/" + app + "/models/readings/records";
  }

  @Test
  void aRepeatedBulkCreateWithTheSameKeyWritesOnceAndGetsTheFirstAnswer() {
    String body = BulkIT.bulk(500, -1);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    var first = api.send("POST", records + "/bulk", body, key);
    var retry = api.send("POST", records + "/bulk", body, key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(Api.json(retry)).isEqualTo(Api.json(first));
    assertThat(Api.json(api.get(records + "?count=true&limit=1")).get("total").asLong())
        .isEqualTo(500);
  }

  @Test
  void theSameKeyWithAnotherBatchIsRefusedAndWritesNothingMore() {
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    api.send("POST", records + "/bulk", BulkIT.bulk(3, -1), key);

    var other = api.send("POST", records + "/bulk", BulkIT.bulk(4, -1), key);

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(Api.json(api.get(records + "?count=true&limit=1")).get("total").asLong())
        .isEqualTo(3);
  }

  @Test
  void aRepeatedSingleCreateWithTheSameKeyWritesOnce() {
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    var first = api.send("POST", records, "{\"sensor\":\"a\",\"serial\":1}", key);
    var retry = api.send("POST", records, "{\"sensor\":\"a\",\"serial\":1}", key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).as("replayed, not a unique clash").isEqualTo(201);
    assertThat(retry.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(Api.json(api.get(records + "?count=true&limit=1")).get("total").asLong())
        .isEqualTo(1);
  }
}
