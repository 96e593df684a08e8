package com.webase.records.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.records.support.Api;
import com.webase.records.support.RecordsServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@RecordsServiceTest
class UniqueUnderConcurrencyIT {

  @LocalServerPort int port;

  @Test
  void twentyConcurrentCreatesOfTheSameValueGiveExactlyOne201AndNineteen409s() throws Exception {
    Api api = Api.newUser(port);
    String app = api.newApp();
    api.newModel(app, "users", "[{\"name\":\"handle\",\"type\":\"string\",\"unique\":true}]");
    String records = "/api/v1/apps/" + app + "/models/users/records";
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> outcomes = new ArrayList<>();

    try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.post(records, "{\"handle\":\"ada\"}").statusCode();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> outcome : outcomes) {
        statuses.add(outcome.get());
      }

      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    }
    assertThat(Api.json(api.get(records + "?count=true")).get("total").asLong()).isEqualTo(1);
  }
}
