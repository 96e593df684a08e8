package com.webase.account.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.KeycloakServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's own registration and reset refuse the common passwords of {@code
 * deploy/keycloak/password-blacklists/webase-common-passwords.txt}; every one of them is refused by
 * this service's policy too, so the two never disagree about a password being common.
 */
class KeycloakBlacklistTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  @Test
  void everyPasswordOnKeycloaksBlacklistIsRefusedByTheApiToo() throws Exception {
    List<String> blacklist;
    try (var reader =
        new BufferedReader(
            new InputStreamReader(
                KeycloakServer.class.getResourceAsStream(
                    KeycloakServer.PASSWORD_BLACKLIST_RESOURCE),
                StandardCharsets.UTF_8))) {
      blacklist = reader.lines().toList();
    }

    assertThat(blacklist).isNotEmpty();
    assertThat(blacklist)
        .allSatisfy(
            common ->
                assertThat(
                        policy.check(
                            new PasswordPolicy.Candidate(
                                common, common, null, "someone@example.com", "Ada Tester")))
                    .as(common)
                    .isPresent());
  }
}
