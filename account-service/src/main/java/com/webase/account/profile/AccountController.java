package com.webase.account.profile;

import com.webase.account.accounts.Account;
import com.webase.account.accounts.AccountProvisioning;
import com.webase.account.confirmation.SensitiveActions;
import com.webase.account.email.EmailAddress;
import com.webase.account.email.EmailChanges;
import com.webase.platform.apidocs.NeedsRecentLogin;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PATCH/DELETE /api/v1/account}: the profile in Account Settings. */
@RestController
@RequestMapping("/api/v1/account")
class AccountController {

  static final String READ = "account:read";
  static final String WRITE = "account:write";

  private final AccountProvisioning provisioning;
  private final ProfileUpdates profileUpdates;
  private final EmailChanges emailChanges;
  private final SensitiveActions sensitiveActions;
  private final AccountDeletion deletion;

  AccountController(
      AccountProvisioning provisioning,
      ProfileUpdates profileUpdates,
      EmailChanges emailChanges,
      SensitiveActions sensitiveActions,
      AccountDeletion deletion) {
    this.provisioning = provisioning;
    this.profileUpdates = profileUpdates;
    this.emailChanges = emailChanges;
    this.sensitiveActions = sensitiveActions;
    this.deletion = deletion;
  }

  /** Reads the profile: an API token needs {@code account:read} (DESIGN §5). */
  @ProblemResponse(
      status = 403,
      type = "profile-claims-missing",
      when = "the login token carries no email address")
  @ProblemResponse(status = 410, type = "account-deleted", when = "the account was deleted")
  @GetMapping
  ResponseEntity<AccountView> show(Caller caller, @AuthenticationPrincipal Jwt jwt) {
    caller.requireScope(READ);
    return view(provisioning.accountOf(caller, jwt));
  }

  /**
   * Changes the name (at once) and/or asks for a new email address (pending until verified; needs a
   * recent login or {@code currentPassword}). Everything is validated before anything changes. An
   * API token needs {@code account:write}, and cannot change the email at all.
   */
  @NeedsRecentLogin(orCurrentPassword = true)
  @ProblemResponse(status = 400, type = "email-unchanged", when = "the email is the current one")
  @ProblemResponse(status = 400, type = "current-password-wrong", when = "currentPassword is wrong")
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "an API token asked for an email change")
  @ProblemResponse(status = 409, type = "email-taken", when = "another account uses the address")
  @ProblemResponse(status = 415, type = "unsupported-media-type", when = "the body is not JSON")
  @ProblemResponse(
      status = 429,
      type = "too-many-password-attempts",
      when = "too many wrong current passwords")
  @ProblemResponse(
      status = 429,
      type = "too-many-verification-mails",
      when = "verification mails were sent too often")
  @ProblemResponse(
      status = 503,
      type = "identity-provider-unavailable",
      when = "Keycloak cannot be reached")
  @PatchMapping
  ResponseEntity<AccountView> update(
      Caller caller, @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) Patch patch) {
    // an API token may rename with account:write; an email change also needs a person (below)
    caller.requireScope(WRITE);
    if (patch == null || (patch.name() == null && patch.email() == null)) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "validation",
          "Invalid request",
          "Give name and/or email.",
          Map.of(
              "errors",
              List.of(new ProblemResponses.FieldError("(body)", "needs name and/or email"))));
    }
    List<ProblemResponses.FieldError> errors = new ArrayList<>();
    String name = patch.name() == null ? null : DisplayName.normalise(patch.name());
    if (name != null) {
      DisplayName.problemWith(name)
          .ifPresent(reason -> errors.add(new ProblemResponses.FieldError("name", reason)));
    }
    String email = patch.email() == null ? null : patch.email().strip();
    if (email != null) {
      EmailAddress.problemWith(email)
          .ifPresent(reason -> errors.add(new ProblemResponses.FieldError("email", reason)));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "validation",
          "Invalid request",
          "The request has " + errors.size() + " invalid field(s).",
          Map.of("errors", errors));
    }
    Account account = provisioning.accountOf(caller, jwt);
    if (email != null) {
      // the sensitive part is checked before anything changes, the name included
      sensitiveActions.confirm(caller, account, patch.currentPassword());
    }
    if (name != null) {
      profileUpdates.rename(account, name);
    }
    if (email != null) {
      emailChanges.request(account, EmailAddress.normalise(email));
    }
    return view(provisioning.accountOf(caller, jwt));
  }

  /** Deletes the account; needs a recent login or {@code currentPassword} in the body. */
  @SuccessStatus(204)
  @NeedsRecentLogin(orCurrentPassword = true)
  @ProblemResponse(status = 400, type = "current-password-wrong", when = "currentPassword is wrong")
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @ProblemResponse(
      status = 429,
      type = "too-many-password-attempts",
      when = "too many wrong current passwords")
  @ProblemResponse(
      status = 503,
      type = "identity-provider-unavailable",
      when = "Keycloak cannot be reached")
  @DeleteMapping
  ResponseEntity<Void> delete(
      Caller caller,
      @AuthenticationPrincipal Jwt jwt,
      @RequestBody(required = false) DeleteRequest request,
      HttpServletRequest raw) {
    // Spring reads an optional DELETE body only when it is JSON and ignores any other: a body we
    // cannot read must not be taken as "no password given"
    if (request == null && hasBody(raw) && !isJson(raw.getContentType())) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type",
          "Unsupported media type",
          "Send the body as application/json, or no body.");
    }
    Account account = provisioning.accountOf(caller, jwt);
    sensitiveActions.confirm(caller, account, request == null ? null : request.currentPassword());
    deletion.delete(account);
    return ResponseEntity.noContent().build();
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private ResponseEntity<AccountView> view(Account account) {
    var pending = emailChanges.pending(account.id()).orElse(null);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new AccountView(
                account.id(),
                account.name(),
                account.email(),
                account.emailVerified(),
                pending,
                account.createdAt()));
  }

  record Patch(
      @Schema(
              description = "New display name; takes effect at once, everywhere.",
              maxLength = DisplayName.MAX_LENGTH)
          String name,
      @Schema(
              description =
                  "New email address: pending until the link mailed to it is followed; needs a portal session.",
              format = "email")
          String email,
      @Schema(
              description =
                  "The current password: needed for an email change unless the login is recent.")
          String currentPassword) {}

  record DeleteRequest(
      @Schema(description = "The current password: needed unless the login is recent.")
          String currentPassword) {}

  record AccountView(
      @Schema(description = "The account's id: the user id (sub) in every token of this person.")
          String id,
      @Schema(description = "The display name.") String name,
      @Schema(description = "The login and notification address.", format = "email") String email,
      @Schema(description = "Whether the email address was verified.") boolean emailVerified,
      @Schema(description = "A new address waiting for verification; absent when none is.")
          EmailChanges.PendingEmail pendingEmail,
      @Schema(description = "When the account was created.") Instant createdAt) {}
}
