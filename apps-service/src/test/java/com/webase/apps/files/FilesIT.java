package com.webase.apps.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.apps.support.AppsServiceTest;
import com.webase.apps.support.Caller;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@AppsServiceTest
class FilesIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void putFilesAreListedWithTheirETagsAndEachPutIsARevision() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Files");

    var index = ada.put(app, "index.html", "<!DOCTYPE html><title>x</title>");
    ada.put(app, "app.js", "console.log(1)");
    ada.put(app, "style.css", "body{}");

    assertThat(index.status()).isEqualTo(201);
    assertThat(index.json().get("revision").asInt()).isEqualTo(1);
    JsonNode list = ada.get("/api/v1/apps/" + app + "/files").json();
    assertThat(list.get("revision").asInt()).isEqualTo(3);
    assertThat(list.get("items").findValuesAsString("path"))
        .containsExactly("app.js", "index.html", "style.css");
    assertThat(list.get("items").get(1).get("etag").asString()).isEqualTo(index.header("ETag"));
    assertThat(list.get("items").get(1).get("type").asString()).isEqualTo("text/html");
    assertThat(ada.put(app, "index.html", "<p>new</p>").status()).as("replaced").isEqualTo(200);
  }

  @Test
  void aFileComesBackAsItsBytesWithItsTypeSandboxedAndRevalidatable() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Get");
    ada.put(app, "js/main.js", "export const x = 1;");

    var file = ada.get("/api/v1/apps/" + app + "/files/js/main.js");

    assertThat(file.status()).isEqualTo(200);
    assertThat(file.text()).isEqualTo("export const x = 1;");
    assertThat(file.header("Content-Type")).isEqualTo("text/javascript;charset=utf-8");
    assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(file.header("Content-Security-Policy")).contains("sandbox");
    var again =
        ada.send(
            "GET",
            "/api/v1/apps/" + app + "/files/js/main.js",
            null,
            null,
            Map.of("If-None-Match", file.header("ETag")));
    assertThat(again.status()).isEqualTo(304);
    assertThat(ada.get("/api/v1/apps/" + app + "/files/js/other.js").problem())
        .isEqualTo("file-not-found");
  }

  @Test
  void binaryFilesRoundTripByteForByte() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Binary");
    byte[] every = new byte[256 * 4];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }

    var put =
        ada.send(
            "PUT", "/api/v1/apps/" + app + "/files/img/logo.png", every, "image/png", Map.of());
    var got = ada.get("/api/v1/apps/" + app + "/files/img/logo.png");

    assertThat(put.status()).isEqualTo(201);
    assertThat(got.bytes()).isEqualTo(every);
    assertThat(got.header("Content-Type")).isEqualTo("image/png");
  }

  @Test
  void aStaleIfMatchIs412AndIfNoneMatchStarOnlyCreates() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Concurrency");
    String first = ada.put(app, "index.html", "one").header("ETag");
    String second = ada.put(app, "index.html", "two").header("ETag");

    var stale = put(ada, app, "index.html", "three", Map.of("If-Match", first));
    var fresh = put(ada, app, "index.html", "three", Map.of("If-Match", second));
    var createOnly = put(ada, app, "index.html", "four", Map.of("If-None-Match", "*"));
    var created = put(ada, app, "new.html", "five", Map.of("If-None-Match", "*"));
    var staleDelete =
        ada.send(
            "DELETE",
            "/api/v1/apps/" + app + "/files/index.html",
            null,
            null,
            Map.of("If-Match", first));

    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.problem()).isEqualTo("stale-etag");
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(createOnly.status()).isEqualTo(412);
    assertThat(createOnly.problem()).isEqualTo("file-exists");
    assertThat(created.status()).isEqualTo(201);
    assertThat(staleDelete.status()).isEqualTo(412);
    assertThat(ada.get("/api/v1/apps/" + app + "/files/index.html").text()).isEqualTo("three");
    assertThat(ada.get("/api/v1/apps/" + app).json().get("revision").asInt()).isEqualTo(4);
  }

  @Test
  void aPathWithDotDotOrOtherTricksIs400AndChangesNothing() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Paths");

    for (String path :
        new String[] {"a/../x", "%2e%2e/x", "a//b", "./x", "a/%2e/b", "x%00y", "a%5Cb", "%2Fetc"}) {
      var response = ada.put(app, path, "nope");
      assertThat(response.status()).as(path).isEqualTo(400);
      assertThat(response.raw().headers().firstValue("Content-Type"))
          .as(path)
          .hasValue("application/problem+json");
    }
    var change =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/changes",
            "{\"files\":{\"ok.html\":\"fine\",\"../x\":\"no\",\"/abs\":\"no\"}}");
    assertThat(change.status()).isEqualTo(400);
    assertThat(change.json().get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("files[../x]", "files[/abs]");
    assertThat(ada.get("/api/v1/apps/" + app).json().get("revision").asInt()).isZero();
  }

  @Test
  void anOversizeFileOrAppIs413AndChangesNothing() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Sizes");
    String big = "x".repeat(64 * 1024 + 1);

    var tooBig = ada.put(app, "big.txt", big);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.problem()).isEqualTo("file-too-large");
    for (int i = 0; i < 4; i++) {
      assertThat(ada.put(app, "part" + i + ".txt", "y".repeat(60 * 1024)).status()).isEqualTo(201);
    }
    var appTooBig = ada.put(app, "part4.txt", "y".repeat(60 * 1024));
    assertThat(appTooBig.status()).isEqualTo(413);
    assertThat(appTooBig.problem()).isEqualTo("app-too-large");
    assertThat(ada.get("/api/v1/apps/" + app).json().get("revision").asInt()).isEqualTo(4);
  }

  @Test
  void aMultiFileChangeIsOneRevisionAndAllOrNothing() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Atomic");
    ada.put(app, "old.css", "old");

    var applied =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/changes",
            """
            {"files": {"index.html": "<h1>Hi</h1>", "logo.bin": {"base64": "AAEC/w=="},
                       "old.css": null},
             "message": "first version"}
            """);
    var refused =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/changes",
            "{\"files\":{\"index.html\":\"<h1>Changed</h1>\",\"missing.css\":null}}");

    assertThat(applied.status()).isEqualTo(200);
    assertThat(applied.json().get("revision").asInt()).isEqualTo(2);
    assertThat(applied.json().get("summary").asString()).isEqualTo("first version");
    JsonNode files = ada.get("/api/v1/apps/" + app + "/files").json();
    assertThat(files.get("items").findValuesAsString("path"))
        .containsExactly("index.html", "logo.bin");
    assertThat(ada.get("/api/v1/apps/" + app + "/files/logo.bin").bytes())
        .containsExactly(0, 1, 2, 255);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("errors").get(0).get("field").asString())
        .isEqualTo("files[missing.css]");
    assertThat(ada.get("/api/v1/apps/" + app + "/files/index.html").text())
        .isEqualTo("<h1>Hi</h1>");
    assertThat(ada.get("/api/v1/apps/" + app).json().get("revision").asInt()).isEqualTo(2);
  }

  @Test
  void aChangeAgainstAStaleBaseRevisionIs412() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Base");
    ada.put(app, "a.txt", "a");

    var stale =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/changes",
            "{\"files\":{\"b.txt\":\"b\"},\"baseRevision\":0}");
    var current =
        ada.json(
            "POST",
            "/api/v1/apps/" + app + "/changes",
            "{\"files\":{\"b.txt\":\"b\"},\"baseRevision\":1}");

    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.problem()).isEqualTo("stale-revision");
    assertThat(current.status()).isEqualTo(200);
  }

  @Test
  void aContentIsStoredOnceHoweverManyPathsAndRevisionsHoldIt() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Blobs");
    String content = "shared " + java.util.UUID.randomUUID();

    ada.put(app, "a.txt", content);
    ada.put(app, "b/c.txt", content);
    ada.put(app, "a.txt", "other");
    ada.put(app, "a.txt", content);

    long blobs =
        jdbc.sql("select count(*) from blob where app_id = ?::uuid and content = ?")
            .params(app, content.getBytes(StandardCharsets.UTF_8))
            .query(Long.class)
            .single();
    assertThat(blobs).isEqualTo(1);
    assertThat(ada.get("/api/v1/apps/" + app).json().get("revision").asInt()).isEqualTo(4);
  }

  @Test
  void deletingAFileIsARevisionAndAMissingFileIs404() {
    Caller ada = Caller.newPerson(port);
    String app = ada.createApp("Delete");
    ada.put(app, "gone.txt", "x");

    var deleted = ada.delete("/api/v1/apps/" + app + "/files/gone.txt");
    var again = ada.delete("/api/v1/apps/" + app + "/files/gone.txt");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("revision").asInt()).isEqualTo(2);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.problem()).isEqualTo("file-not-found");
  }

  @Test
  void anotherPersonsFilesAreNotFound() {
    Caller ada = Caller.newPerson(port);
    Caller bob = Caller.newPerson(port);
    String app = ada.createApp("Mine");
    ada.put(app, "index.html", "secret");

    assertThat(bob.get("/api/v1/apps/" + app + "/files").status()).isEqualTo(404);
    assertThat(bob.get("/api/v1/apps/" + app + "/files/index.html").status()).isEqualTo(404);
    assertThat(bob.put(app, "index.html", "mine").status()).isEqualTo(404);
    assertThat(bob.delete("/api/v1/apps/" + app + "/files/index.html").status()).isEqualTo(404);
    assertThat(
            bob.json("POST", "/api/v1/apps/" + app + "/changes", "{\"files\":{\"x\":\"y\"}}")
                .status())
        .isEqualTo(404);
    assertThat(ada.get("/api/v1/apps/" + app + "/files/index.html").text()).isEqualTo("secret");
  }

  private static Caller.Response put(
      Caller caller, String app, String path, String content, Map<String, String> headers) {
    return caller.send(
        "PUT",
        "/api/v1/apps/" + app + "/files/" + path,
        content.getBytes(StandardCharsets.UTF_8),
        "text/plain",
        headers);
  }
}
