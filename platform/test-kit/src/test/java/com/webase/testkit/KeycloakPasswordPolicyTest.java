package com.webase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Keycloak itself — its registration, reset and admin API all apply the realm's policy — refuses
 * the passwords account-service's API refuses: shorter than 12, the account's own address, and
 * common ones from the shipped blacklist.
 */
class KeycloakPasswordPolicyTest {

  private final KeycloakServer keycloak = RealServers.keycloak();

  @Test
  void aCommonPasswordOfTwelveOrMoreCharactersIsRefused() {
    String userId = newUser();
    for (String common : new String[] {"password1234", "Qwerty123456", "Football2024"}) {
      JsonNode refusal = keycloak.setPassword(userId, common);
      assertThat(refusal).as(common).isNotNull();
      assertThat(refusal.toString()).as(common).contains("invalidPasswordBlacklistedMessage");
    }
  }

  @Test
  void anElevenCharacterPasswordIsRefused() {
    JsonNode refusal = keycloak.setPassword(newUser(), "vX7#qmT2!pL");
    assertThat(refusal).isNotNull();
    assertThat(refusal.toString()).contains("invalidPasswordMinLengthMessage");
  }

  @Test
  void thePersonsOwnAddressIsRefusedAlsoInsideALongerPassword() {
    String email = "p-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String userId =
        keycloak.createUser(email, "Sturdy " + UUID.randomUUID() + " horse", "Ada", "Tester");
    assertThat(keycloak.setPassword(userId, email)).isNotNull();
    assertThat(keycloak.setPassword(userId, "my " + email + " rocks")).isNotNull();
  }

  @Test
  void aLongUncommonPasswordIsAccepted() {
    assertThat(keycloak.setPassword(newUser(), "violet tractor mango seventeen")).isNull();
  }

  @Test
  void theDemoUserIsAddedByTheKitNotByTheRealmFile() {
    keycloak.createDirectGrantClient("webase-test-kit");
    JsonNode tokens =
        keycloak.passwordGrant(
            "webase-test-kit", RealmSettings.DEMO_EMAIL, keycloak.realm().demoPassword());
    assertThat(tokens.path("access_token").asString()).isNotEmpty();
    keycloak.ensureDemoUser(); // a second time (the local stack on every start): no error
  }

  private String newUser() {
    String email = "p-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    return keycloak.createUser(email, "Sturdy " + UUID.randomUUID() + " horse", "Ada", "Tester");
  }
}
