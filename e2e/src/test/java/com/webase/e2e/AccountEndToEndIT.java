package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.testkit.TopicReader;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account Settings as a person and a program use them, through the gateways: the profile through a
 * portal session (CSRF-protected), the verification link followed without any session, and an API
 * token that may read the profile but not change the email.
 */
class AccountEndToEndIT {

  private static final JsonMapper JSON = new JsonMapper();
  private static final String ACCOUNT_TOPIC = "webase.account.events";

  private final Platform platform = Platform.get();
  private final String a = platform.gatewayA.url();
  private final String b = platform.gatewayB.url();

  @Test
  void aPersonRenamesAndChangesTheEmailThroughTheGatewayAndAProgramMayOnlyRead() throws Exception {
    String email = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "harbour violet " + UUID.randomUUID();
    String userId = platform.keycloak.createUser(email, password, "Erin", "Endtoend");

    try (PortalSession browser = PortalSession.logIn(a, email, password)) {
      JsonNode account = browser.ok("GET", "/api/v1/account");
      assertThat(account.get("email").asString()).isEqualTo(email);
      assertThat(account.get("name").asString()).isEqualTo("Erin Endtoend");

      var forged = browser.send("PATCH", "/api/v1/account", "{\"name\":\"Forged\"}", false);
      assertThat(forged.status()).isEqualTo(403);
      var renamed = browser.write("PATCH", "/api/v1/account", "{\"name\":\"Erin Renamed\"}");
      assertThat(renamed.status()).isEqualTo(200);
      assertThat(renamed.json().get("name").asString()).isEqualTo("Erin Renamed");

      // a program with the person's API token, on the other gateway: reads, may not change email
      String token = browser.ok("GET", "/api/v1/tokens/default").get("token").asString();
      var read = Api.get(b, "/api/v1/account", token);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(read.body()).get("name").asString()).isEqualTo("Erin Renamed");
      var programChange =
          Api.send("PATCH", a, "/api/v1/account", token, "{\"email\":\"stolen@example.com\"}");
      assertThat(programChange.statusCode()).isEqualTo(403);
      assertThat(programChange.body()).contains("/problems/interactive-login-required");

      String newEmail = "e2e-new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      var requested = browser.write("PATCH", "/api/v1/account", "{\"email\":\"" + newEmail + "\"}");
      assertThat(requested.status()).isEqualTo(200);
      assertThat(requested.json().get("email").asString()).isEqualTo(email);
      assertThat(requested.json().get("pendingEmail").get("email").asString()).isEqualTo(newEmail);

      String secret = verificationSecretFor(userId);
      // the link opened on another device: no session, no token
      var verified =
          Api.send(
              "POST", a, "/api/v1/account/email/verify", null, "{\"secret\":\"" + secret + "\"}");
      assertThat(verified.statusCode()).isEqualTo(200);

      assertThat(browser.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(newEmail);
      assertThat(platform.keycloak.user(userId).get("email").asString()).isEqualTo(newEmail);
    }
    try (PortalSession withNewAddress = PortalSession.logIn(a, newEmailOf(userId), password)) {
      assertThat(withNewAddress.session().get("authenticated").asBoolean()).isTrue();
    }
  }

  private String newEmailOf(String userId) {
    return platform.keycloak.user(userId).get("email").asString();
  }

  /** What notification-service will put in the link: read from the event, as it will. */
  private static String verificationSecretFor(String userId) {
    try (TopicReader events = new TopicReader(ACCOUNT_TOPIC)) {
      String[] secret = new String[1];
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                for (var record : events.poll()) {
                  if (userId.equals(record.key())
                      && TopicReader.header(record, "ce_type").endsWith("EmailChangeRequested")) {
                    secret[0] = JSON.readTree(record.value()).get("verificationSecret").asString();
                  }
                }
                return secret[0] != null;
              });
      return secret[0];
    }
  }
}
