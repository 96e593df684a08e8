package com.webase.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** How a validated JWT becomes a {@link Caller}, and what counts as a recent login. */
class CallerArgumentResolverTest {

  private static final String KEYCLOAK = "http://keycloak.test/realms/webase";
  private static final String TOKEN_SERVICE = "http://token-service.test";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final CallerArgumentResolver resolver =
      new CallerArgumentResolver(
          new SecurityProperties(
              null,
              Map.of(
                  "keycloak",
                  new SecurityProperties.Issuer(KEYCLOAK, KEYCLOAK + "/jwks", Caller.Kind.PERSON),
                  "token-service",
                  new SecurityProperties.Issuer(
                      TOKEN_SERVICE, TOKEN_SERVICE + "/jwks", Caller.Kind.API_TOKEN)),
              null));

  @Test
  void theLoginTimeIsTheTokensAuthTime() {
    Caller caller =
        resolver.callerOf(
            keycloakToken(NOW.minusSeconds(30)).claim("auth_time", NOW.minusSeconds(600)).build());

    assertThat(caller.authenticatedAt()).isEqualTo(NOW.minusSeconds(600));
    assertThat(caller.loggedInWithin(Duration.ofMinutes(15), NOW)).isTrue();
  }

  @Test
  void aTokenWithoutAuthTimeCountsAsAnOldLoginHoweverNewTheTokenIs() {
    // a password-grant token: issued a second ago, but it says nothing of a login
    Caller caller = resolver.callerOf(keycloakToken(NOW.minusSeconds(1)).build());

    assertThat(caller.authenticatedAt()).isNull();
    assertThat(caller.loggedInWithin(Duration.ofMinutes(15), NOW)).isFalse();
    assertThatThrownBy(() -> PersonOnly.requireRecentLogin(caller, Duration.ofMinutes(15), CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class,
            refused -> {
              assertThat(refused.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
              assertThat(refused.slug()).isEqualTo("recent-login-required");
              assertThat(refused.properties())
                  .containsEntry("reauthenticateUrl", "/session/reauthenticate");
            });
  }

  @Test
  void aRefreshedTokenKeepsTheAgeOfTheLoginBehindIt() {
    Caller caller =
        resolver.callerOf(
            keycloakToken(NOW.minusSeconds(5))
                .claim("auth_time", NOW.minusSeconds(16 * 60))
                .build());

    assertThatThrownBy(() -> PersonOnly.requireRecentLogin(caller, Duration.ofMinutes(15), CLOCK))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("/session/reauthenticate");
  }

  @Test
  void anApiTokenCallerIsNeverARecentLoginEvenWithAnAuthTimeClaim() {
    Caller caller =
        resolver.callerOf(
            Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(TOKEN_SERVICE)
                .subject("user-1")
                .issuedAt(NOW.minusSeconds(1))
                .expiresAt(NOW.plusSeconds(300))
                .claim("scope", "account:read apps:read")
                .claim("token_id", "tok-1")
                .claim("auth_time", NOW.minusSeconds(1))
                .build());

    assertThat(caller.scopes()).containsExactlyInAnyOrder("account:read", "apps:read");
    assertThat(caller.loggedInWithin(Duration.ofMinutes(15), NOW)).isFalse();
    assertThatThrownBy(() -> PersonOnly.requireRecentLogin(caller, Duration.ofMinutes(15), CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class,
            refused -> assertThat(refused.slug()).isEqualTo("interactive-login-required"));
  }

  private static Jwt.Builder keycloakToken(Instant issuedAt) {
    return Jwt.withTokenValue("t")
        .header("alg", "RS256")
        .issuer(KEYCLOAK)
        .subject("user-1")
        .audience(java.util.List.of("webase-services"))
        .issuedAt(issuedAt)
        .expiresAt(issuedAt.plusSeconds(300));
  }
}
