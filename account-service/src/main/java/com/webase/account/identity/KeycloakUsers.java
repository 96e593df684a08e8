package com.webase.account.identity;

import com.webase.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Keycloak, the user store, kept in step with account-service (DESIGN §5, §7): names, verified
 * addresses, passwords, sessions, deletion — through the admin API with the service account of the
 * {@code account-service} client — and the check of a current password through the realm's token
 * endpoint.
 *
 * <p>Keycloak unreachable or failing answers the caller 503 {@code identity-provider-unavailable};
 * nothing of the request has been changed by then, as callers change their own state only after
 * Keycloak agreed.
 *
 * <p>Thread-safe.
 */
public class KeycloakUsers {

  private static final Logger log = LoggerFactory.getLogger(KeycloakUsers.class);

  private final Keycloak admin;
  private final KeycloakProperties properties;
  private final RestClient tokenEndpoint;
  private final MeterRegistry meters;

  KeycloakUsers(
      Keycloak admin,
      KeycloakProperties properties,
      RestClient tokenEndpoint,
      MeterRegistry meters) {
    this.admin = admin;
    this.properties = properties;
    this.tokenEndpoint = tokenEndpoint;
    this.meters = meters;
  }

  /** The user with this id, if Keycloak has one. */
  public Optional<IdentityUser> find(String userId) {
    return call(
        "read user",
        () -> {
          try {
            UserRepresentation user = user(userId).toRepresentation();
            return Optional.of(
                new IdentityUser(
                    user.getId(),
                    user.getEmail(),
                    Boolean.TRUE.equals(user.isEmailVerified()),
                    DisplayNames.join(user.getFirstName(), user.getLastName())));
          } catch (NotFoundException gone) {
            return Optional.empty();
          }
        });
  }

  /** Whether another Keycloak user than {@code userId} has this address (case-insensitive). */
  public boolean emailUsedByAnother(String email, String userId) {
    return call(
        "search users by email",
        () ->
            realm().users().searchByEmail(email, true).stream()
                .anyMatch(u -> !u.getId().equals(userId) && email.equalsIgnoreCase(u.getEmail())));
  }

  /** Sets first and last name so that Keycloak's {@code name} claim is the display name. */
  public void updateName(String userId, String displayName) {
    DisplayNames.Split split = DisplayNames.split(displayName);
    UserRepresentation change = new UserRepresentation();
    change.setFirstName(split.first());
    change.setLastName(split.last());
    update(userId, change);
  }

  /**
   * Makes {@code email} the user's verified login and notification address (the realm uses the
   * email as username, so the old address no longer logs in).
   *
   * @throws ProblemException 409 {@code email-taken} when Keycloak has it for another user
   */
  public void setVerifiedEmail(String userId, String email) {
    UserRepresentation change = new UserRepresentation();
    change.setEmail(email);
    change.setEmailVerified(true);
    update(userId, change);
  }

  /** What Keycloak said to a current password. */
  public enum PasswordCheck {
    MATCHES,
    WRONG,
    /** Keycloak's brute-force protection has locked the user for a while; no password works. */
    LOCKED
  }

  /**
   * Asks Keycloak whether {@code password} is the current password of the user, as a login would.
   * The session that login opens is closed at once.
   */
  public PasswordCheck checkPassword(String userId, String username, String password) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("grant_type", "password");
    form.add("client_id", properties.clientId());
    form.add("client_secret", properties.clientSecret());
    form.add("username", username);
    form.add("password", password);
    Map<?, ?> tokens;
    try {
      tokens =
          tokenEndpoint
              .post()
              .uri(properties.tokenEndpoint())
              .contentType(MediaType.APPLICATION_FORM_URLENCODED)
              .body(form)
              .retrieve()
              .body(Map.class);
    } catch (RestClientResponseException refused) {
      if (refused.getStatusCode().value() == 401 || refused.getStatusCode().value() == 400) {
        // invalid_grant says the same for a wrong password and a locked user: ask which
        return lockedOut(userId) ? PasswordCheck.LOCKED : PasswordCheck.WRONG;
      }
      throw unavailable("check password", refused);
    } catch (RestClientException e) {
      throw unavailable("check password", e);
    }
    Object refreshToken = tokens == null ? null : tokens.get("refresh_token");
    if (refreshToken != null) {
      endCheckSession(refreshToken.toString());
    }
    return PasswordCheck.MATCHES;
  }

  private boolean lockedOut(String userId) {
    return call(
        "read brute-force status",
        () ->
            Boolean.TRUE.equals(
                realm().attackDetection().bruteForceUserStatus(userId).get("disabled")));
  }

  /**
   * Sets a new password (not temporary).
   *
   * @throws ProblemException 400 {@code password-refused} when the realm's policy refuses it
   */
  public void setPassword(String userId, String password) {
    CredentialRepresentation credential = new CredentialRepresentation();
    credential.setType(CredentialRepresentation.PASSWORD);
    credential.setValue(password);
    credential.setTemporary(false);
    call(
        "set password",
        () -> {
          try {
            user(userId).resetPassword(credential);
          } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 400) {
              throw new ProblemException(
                  HttpStatus.BAD_REQUEST,
                  "password-refused",
                  "Password refused",
                  "The identity provider's password policy refused this password.",
                  Map.of("field", "newPassword"));
            }
            throw e;
          }
          return null;
        });
  }

  /**
   * Ends every Keycloak session of the user except {@code keepSessionId} (the one the request came
   * from; null ends all): ASVS 7.4.3 after a password change.
   *
   * @return how many sessions were ended
   */
  public int endSessionsExcept(String userId, String keepSessionId) {
    return call(
        "end sessions",
        () -> {
          List<UserSessionRepresentation> sessions = user(userId).getUserSessions();
          int ended = 0;
          for (UserSessionRepresentation session : sessions) {
            if (!session.getId().equals(keepSessionId)) {
              realm().deleteSession(session.getId(), false);
              ended++;
            }
          }
          return ended;
        });
  }

  /** Deletes the user; a user that is already gone counts as deleted. */
  public void delete(String userId) {
    call(
        "delete user",
        () -> {
          try (Response response = realm().users().delete(userId)) {
            int status = response.getStatus();
            if (status != 204 && status != 404) {
              throw new WebApplicationException(response);
            }
          }
          return null;
        });
  }

  private void update(String userId, UserRepresentation change) {
    call(
        "update user",
        () -> {
          try {
            user(userId).update(change);
          } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 409) {
              throw new ProblemException(
                  HttpStatus.CONFLICT,
                  "email-taken",
                  "Email address in use",
                  "Another account uses this email address.",
                  Map.of("field", "email"));
            }
            if (status == 400) {
              String reason = e.getResponse().readEntity(String.class);
              log.warn("Keycloak refused a user update: {}", reason);
              throw new ProblemException(
                  HttpStatus.BAD_REQUEST,
                  "refused-by-identity-provider",
                  "Refused by the identity provider",
                  "The identity provider refused this change.");
            }
            throw e;
          }
          return null;
        });
  }

  private void endCheckSession(String refreshToken) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("client_id", properties.clientId());
    form.add("client_secret", properties.clientSecret());
    form.add("refresh_token", refreshToken);
    try {
      tokenEndpoint
          .post()
          .uri(properties.logoutEndpoint())
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .body(form)
          .retrieve()
          .toBodilessEntity();
    } catch (RestClientException e) {
      // the session times out by itself; the check's answer stands
      log.warn("could not end the session of a password check: {}", e.getMessage());
    }
  }

  private RealmResource realm() {
    return admin.realm(properties.realm());
  }

  private UserResource user(String userId) {
    return realm().users().get(userId);
  }

  private <T> T call(String what, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (ProblemException e) {
      throw e;
    } catch (WebApplicationException | ProcessingException e) {
      throw unavailable(what, e);
    }
  }

  private ProblemException unavailable(String what, Exception cause) {
    log.warn("Keycloak could not {}: {}", what, cause.toString());
    meters
        .counter("webase.account.identity_provider.failures", "operation", what.replace(' ', '-'))
        .increment();
    return new ProblemException(
            HttpStatus.SERVICE_UNAVAILABLE,
            "identity-provider-unavailable",
            "Identity provider unavailable",
            "Accounts cannot be changed right now; nothing was changed. Try again in a minute.")
        .withHeader("Retry-After", "30");
  }
}
