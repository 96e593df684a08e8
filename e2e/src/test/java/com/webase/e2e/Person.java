package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new person of the test realm, logged in through the portal on a gateway, with the default API
 * token Account Settings shows them: what a program of theirs calls with.
 */
record Person(PortalSession session, String token) implements AutoCloseable {

  private static final JsonMapper JSON = new JsonMapper();

  /** Creates the person in Keycloak, logs them in at {@code gateway} and reads their token. */
  static Person create(Platform platform, String gateway, String name) throws Exception {
    String email =
        name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String password = "e2e-" + UUID.randomUUID();
    platform.keycloak.createUser(email, password, name, "Endtoend");
    PortalSession session = PortalSession.logIn(gateway, email, password);
    String[] token = new String[1];
    // the account and its default token follow the first login through events
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              // the full token needs a recent login, which this one just was (sudo mode)
              var shown = session.send("GET", "/api/v1/tokens/default?reveal=true", null, false);
              if (shown.status() == 200) {
                token[0] = shown.json().get("token").asString();
              }
              return token[0] != null;
            });
    return new Person(session, token[0]);
  }

  /** A named token of theirs with just these scopes. */
  String namedToken(List<String> scopes) {
    var created =
        session.write(
            "POST",
            "/api/v1/tokens",
            "{\"name\":\"e2e "
                + UUID.randomUUID()
                + "\",\"scopes\":"
                + JSON.writeValueAsString(scopes)
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("token").asString();
  }

  @Override
  public void close() {
    session.close();
  }
}
