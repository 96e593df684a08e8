package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.webase.client.ApiClient;
import com.webase.client.ApiException;
import com.webase.client.api.AppApi;
import com.webase.client.api.ChatApi;
import com.webase.client.api.DeploymentApi;
import com.webase.client.api.EvaluationApi;
import com.webase.client.api.FileApi;
import com.webase.client.api.ModelApi;
import com.webase.client.api.NamedTokenApi;
import com.webase.client.api.RecordApi;
import com.webase.client.model.AppView;
import com.webase.client.model.ChangeApplied;
import com.webase.client.model.CreateModel;
import com.webase.client.model.DeploymentView;
import com.webase.client.model.EvaluationView;
import com.webase.client.model.FieldSpec;
import com.webase.client.model.FileWritten;
import com.webase.client.model.MessageView;
import com.webase.client.model.ModelView;
import com.webase.client.model.NewApp;
import com.webase.client.model.NewMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client generated at build time from the API reference ({@code docs/api/webase-api.json},
 * openapi-generator 7.25.0) drives the guide's workflows against the platform through gateway A,
 * with the default token of a person from Account Settings.
 */
class ApiClientEndToEndIT {

  private static Person person;
  private static ApiClient client;

  @BeforeAll
  static void aClientWithAToken() throws Exception {
    Platform platform = Platform.get();
    person = Person.create(platform, platform.gatewayA.url(), "Client");
    client = new ApiClient();
    client.updateBaseUri(platform.gatewayA.url());
    client.setRequestInterceptor(request -> request.header("x-api-token", person.token()));
  }

  @AfterAll
  static void logOut() {
    if (person != null) {
      person.close();
    }
  }

  @Test
  void theGeneratedClientBuildsAnAppFromFilesToDeployment() throws Exception {
    AppView app =
        new AppApi(client)
            .appCreate(new NewApp().name("Client demo").description("Made by the client"), null);
    String appId = app.getId().toString();

    FileWritten written =
        new FileApi(client)
            .filePut(
                appId,
                "index.html",
                null,
                null,
                "<!doctype html><html lang=\"en\"><title>Demo</title><h1>Hi</h1></html>"
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(written.getRevision()).isEqualTo(1);
    ChangeApplied change =
        new FileApi(client)
            .fileChange(
                appId,
                Map.of("files", Map.of("style.css", "h1 { color: teal; }"), "baseRevision", 1),
                null);
    assertThat(change.getRevision()).isEqualTo(2);
    assertThat(new FileApi(client).fileList(appId, 10, null).getFileCount()).isEqualTo(2);

    MessageView message =
        new ChatApi(client).chatPost(appId, new NewMessage().content("Make it blue"), null);
    assertThat(message.getRole()).isEqualTo("user");
    EvaluationView evaluation = new EvaluationApi(client).evaluationRequest(appId, null);
    assertThat(evaluation.getRevision()).isEqualTo(2);
    DeploymentView deployment = new DeploymentApi(client).deploymentDeploy(appId, null);
    assertThat(
            new DeploymentApi(client)
                .deploymentGet(appId, deployment.getId().toString())
                .getRevision())
        .isEqualTo(2);
  }

  @Test
  void theGeneratedClientDefinesAModelAndWritesAndQueriesItsRecords() throws Exception {
    String appId =
        new AppApi(client).appCreate(new NewApp().name("Client data"), null).getId().toString();
    ModelView model =
        new ModelApi(client)
            .modelCreate(
                appId,
                new CreateModel()
                    .name("tasks")
                    .fields(
                        List.of(
                            new FieldSpec()
                                .name("title")
                                .type(FieldSpec.TypeEnum.STRING)
                                .required(true),
                            new FieldSpec().name("priority").type(FieldSpec.TypeEnum.INTEGER))),
                null);
    assertThat(model.getVersion()).isEqualTo(1);

    RecordApi records = new RecordApi(client);
    records.recordCreate(appId, "tasks", Map.of("title", "Write", "priority", 2), null);
    records.recordCreateAll(
        appId,
        "tasks",
        Map.of(
            "records",
            List.of(
                Map.of("title", "Test", "priority", 1), Map.of("title", "Ship", "priority", 3))),
        null);

    assertThat(new ModelApi(client).modelGet(appId, "tasks").getName()).isEqualTo("tasks");
    var page = new com.webase.client.api.RecordListApi(client);
    assertThat(page).isNotNull();
  }

  @Test
  void aProblemReachesTheClientWithItsStatusAndType() {
    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> new AppApi(client).appGet(UUID.randomUUID().toString()));

    assertThat(refused.getCode()).isEqualTo(404);
    assertThat(refused.getResponseBody()).contains("https://webase.dev/problems/app-not-found");
  }

  @Test
  void theClientSeesItsOwnToken() throws Exception {
    assertThat(new NamedTokenApi(client).namedTokenCurrent().getKind()).isEqualTo("default");
  }
}
