package com.webase.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.apps.support.AppsServiceTest;
import com.webase.apps.support.Caller;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input on every endpoint of apps-service — malformed JSON, wrong types, unknown fields,
 * oversize bodies, bad paths, ids, cursors and content types — gets a 4xx problem, never a 500, and
 * changes nothing.
 */
@AppsServiceTest
class BadInputIT {

  @LocalServerPort int port;

  private record Case(String method, String path, String contentType, byte[] body, int status) {
    static Case json(String method, String path, String body, int status) {
      return new Case(
          method, path, "application/json", body.getBytes(StandardCharsets.UTF_8), status);
    }

    static Case none(String method, String path, int status) {
      return new Case(method, path, null, null, status);
    }
  }

  @Test
  void everyBadRequestIsA4xxProblemAndChangesNothing() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Target");
    ada.put(app, "index.html", "<h1>x</h1>");
    ada.json("POST", "/api/v1/apps/" + app + "/chat/messages", "{\"content\":\"hi\"}");
    String before = state(ada, app);
    String a = "/api/v1/apps/" + app;
    byte[] nineMegabytes = new byte[9 * 1024 * 1024];

    List<Case> cases =
        List.of(
            Case.json("POST", "/api/v1/apps", "{\"name\":", 400),
            Case.json("POST", "/api/v1/apps", "{\"name\":5}", 400),
            Case.json("POST", "/api/v1/apps", "{\"name\":\"x\",\"owner\":\"me\"}", 400),
            Case.json("POST", "/api/v1/apps", "{}", 400),
            Case.json("POST", "/api/v1/apps", "[]", 400),
            Case.json("POST", "/api/v1/apps", "{\"name\":\"   \"}", 400),
            Case.json("POST", "/api/v1/apps", "{\"name\":\"x\",\"description\":[1]}", 400),
            new Case(
                "POST",
                "/api/v1/apps",
                "text/plain",
                "name=x".getBytes(StandardCharsets.UTF_8),
                415),
            new Case("POST", "/api/v1/apps", "application/json", nineMegabytes, 413),
            Case.none("POST", "/api/v1/apps", 400),
            Case.json("PATCH", a, "{\"name\":", 400),
            Case.json("PATCH", a, "{}", 400),
            Case.json("PATCH", a, "{\"name\":\"\"}", 400),
            Case.json("PATCH", a, "{\"name\":\"ok\",\"slug\":\"hack\"}", 400),
            Case.json("PATCH", a, "{\"description\":7}", 400),
            Case.none("GET", "/api/v1/apps?limit=0", 400),
            Case.none("GET", "/api/v1/apps?limit=abc", 400),
            Case.none("GET", "/api/v1/apps?limit=101", 400),
            Case.none("GET", "/api/v1/apps?cursor=%25%25garbage", 400),
            Case.none("GET", "/api/v1/apps/not-an-id", 404),
            Case.none("DELETE", "/api/v1/apps", 405),
            Case.none("GET", a + "/files?cursor=***", 400),
            Case.none("GET", a + "/files?limit=0", 400),
            new Case("PUT", a + "/files/index.html", "text/html", nineMegabytes, 413),
            Case.none("PUT", a + "/files/", 400),
            Case.none("GET", a + "/files/", 400),
            Case.none("DELETE", a + "/files/nothing.html", 404),
            Case.json("POST", a + "/changes", "{\"files\":", 400),
            Case.json("POST", a + "/changes", "{}", 400),
            Case.json("POST", a + "/changes", "{\"files\":[]}", 400),
            Case.json("POST", a + "/changes", "{\"files\":{}}", 400),
            Case.json("POST", a + "/changes", "{\"files\":{\"a.txt\":5}}", 400),
            Case.json("POST", a + "/changes", "{\"files\":{\"a.txt\":{\"base64\":\"!!\"}}}", 400),
            Case.json("POST", a + "/changes", "{\"files\":{\"a.txt\":{\"utf8\":\"x\"}}}", 400),
            Case.json("POST", a + "/changes", "{\"files\":{\"a.txt\":\"x\"},\"force\":true}", 400),
            Case.json(
                "POST",
                a + "/changes",
                "{\"files\":{\"a.txt\":\"x\"},\"baseRevision\":\"1\"}",
                400),
            Case.json("POST", a + "/changes", "{\"files\":{\"a.txt\":\"x\"},\"message\":5}", 400),
            new Case(
                "POST",
                a + "/changes",
                "application/xml",
                "<x/>".getBytes(StandardCharsets.UTF_8),
                415),
            Case.json("POST", a + "/chat/messages", "{}", 400),
            Case.json("POST", a + "/chat/messages", "{\"content\":5}", 400),
            Case.json("POST", a + "/chat/messages", "{\"content\":\"nul\\u0000here\"}", 400),
            Case.json("POST", a + "/chat/messages", "{\"content\":\"bell\\u0007\"}", 400),
            Case.json(
                "POST",
                a + "/changes",
                "{\"files\":{\"a.txt\":\"x\"},\"message\":\"a\\u0000b\"}",
                400),
            Case.none(
                "GET",
                "/api/v1/apps?cursor=KzMwMDAwMC0wMS0wMVQwMDowMDowMFp8MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw",
                400),
            Case.json("POST", a + "/chat/messages", "{\"content\":\"x\",\"role\":\"system\"}", 400),
            Case.json("POST", a + "/chat/messages", "{\"content\":\"x\",\"temperature\":1}", 400),
            Case.json(
                "POST", a + "/chat/messages", "{\"content\":\"" + "x".repeat(200_001) + "\"}", 400),
            Case.none("GET", a + "/chat/messages?limit=1000", 400),
            Case.none("GET", a + "/chat/messages?cursor=bm9wZQ", 400),
            Case.none("GET", a + "/evaluations/not-an-id", 404),
            Case.none("GET", a + "/evaluations/00000000-0000-0000-0000-000000000000", 404),
            Case.none("GET", a + "/evaluations?limit=-1", 400),
            Case.none("GET", a + "/deployments/zzz", 404),
            Case.none("POST", a + "/deployments/00000000-0000-0000-0000-000000000000/promote", 404),
            Case.none("GET", a + "/deployments?cursor=x", 400),
            Case.none("PUT", a + "/deployments", 405));

    for (Case c : cases) {
      var response = ada.send(c.method(), c.path(), c.body(), c.contentType(), Map.of());
      String what =
          c.method()
              + " "
              + c.path().substring(0, Math.min(c.path().length(), 90))
              + " "
              + (c.body() == null
                  ? ""
                  : new String(c.body(), 0, Math.min(c.body().length, 60), StandardCharsets.UTF_8));
      assertThat(response.status()).as(what).isEqualTo(c.status());
      assertThat(response.header("Content-Type")).as(what).isEqualTo("application/problem+json");
    }
    assertThat(state(ada, app)).isEqualTo(before);
  }

  /** Everything a bad request could have changed. */
  private static String state(Caller caller, String app) {
    return caller.get("/api/v1/apps").text()
        + caller.get("/api/v1/apps/" + app + "/files").text()
        + caller.get("/api/v1/apps/" + app + "/evaluations").text()
        + caller.get("/api/v1/apps/" + app + "/deployments").text()
        + caller
            .get("/api/v1/apps/" + app + "/chat/messages")
            .json()
            .get("items")
            .findValuesAsString("id");
  }
}
