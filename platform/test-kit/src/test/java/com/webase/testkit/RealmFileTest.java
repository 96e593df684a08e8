package com.webase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code deploy/keycloak/realm-webase.json} — the file production imports — holds and does not
 * hold, read as the kit ships it.
 */
class RealmFileTest {

  private static final JsonNode REALM = read("/webase-testkit/realm-webase.json");

  @Test
  void holdsNoPersonOnlyTheServiceAccountOfAccountService() {
    for (JsonNode user : REALM.path("users")) {
      assertThat(user.path("serviceAccountClientId").asString(""))
          .as("user %s is a client's service account", user.path("username").asString())
          .isNotEmpty();
      assertThat(user.has("credentials")).as("a service account has no password").isFalse();
      assertThat(user.has("email")).isFalse();
    }
    assertThat(REALM.toString()).doesNotContain(RealmSettings.DEMO_EMAIL);
  }

  @Test
  void itsPasswordPolicyIsTheApisLengthAccountAndCommonPasswordRules() {
    List<String> rules =
        List.of(REALM.path("passwordPolicy").asString().split("\\s+and\\s+")).stream()
            .map(String::strip)
            .toList();
    assertThat(rules)
        .contains(
            "length(12)",
            "maxLength(128)",
            "notUsername",
            "notEmail",
            "notContainsUsername",
            "passwordBlacklist(" + KeycloakServer.PASSWORD_BLACKLIST + ")");
    assertThat(REALM.path("bruteForceProtected").asBoolean()).isTrue();
  }

  @Test
  void theBlacklistItNamesShipsWithTheKitInTheFormKeycloakReads() throws Exception {
    // Keycloak lowercases a password before looking it up, so only lowercase lines can match
    List<String> lines;
    try (InputStream in =
            KeycloakServer.class.getResourceAsStream(KeycloakServer.PASSWORD_BLACKLIST_RESOURCE);
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      lines = reader.lines().toList();
    }
    assertThat(lines).hasSizeGreaterThan(5_000).contains("password1234", "qwerty123456");
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line).isEqualTo(line.strip().toLowerCase(Locale.ROOT));
              assertThat(line.codePointCount(0, line.length())).isBetween(12, 128);
            });
  }

  private static JsonNode read(String resource) {
    try (InputStream in = RealmFileTest.class.getResourceAsStream(resource)) {
      return new JsonMapper().readTree(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
