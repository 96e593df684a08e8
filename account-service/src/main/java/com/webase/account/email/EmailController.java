package com.webase.account.email;

import com.webase.account.accounts.AccountProvisioning;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.security.Caller;
import com.webase.platform.security.PersonOnly;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The verification link's target, and resend and cancel of a pending change. Asking for a new
 * address is part of {@code PATCH /api/v1/account}.
 */
@RestController
@RequestMapping("/api/v1/account/email")
class EmailController {

  private final EmailChanges emailChanges;
  private final AccountProvisioning provisioning;

  EmailController(EmailChanges emailChanges, AccountProvisioning provisioning) {
    this.emailChanges = emailChanges;
    this.provisioning = provisioning;
  }

  /** Open without a session (a public path): the secret from the link is the proof. */
  @ProblemResponse(
      status = 404,
      type = "verification-link-unknown",
      when = "the link is not one Webase sent")
  @ProblemResponse(status = 409, type = "verification-link-used", when = "the link was used before")
  @ProblemResponse(
      status = 409,
      type = "email-taken",
      when = "another account took the address meanwhile")
  @ProblemResponse(status = 410, type = "verification-link-expired", when = "the link expired")
  @ProblemResponse(
      status = 410,
      type = "verification-link-cancelled",
      when = "the change was cancelled")
  @ProblemResponse(
      status = 410,
      type = "verification-link-superseded",
      when = "a newer link was sent")
  @PostMapping("/verify")
  Verified verify(@RequestBody VerifyRequest request) {
    return new Verified(emailChanges.verify(request.secret()), true);
  }

  @SuccessStatus(202)
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @ProblemResponse(
      status = 404,
      type = "no-pending-email-change",
      when = "no change waits for verification")
  @ProblemResponse(
      status = 429,
      type = "too-many-verification-mails",
      when = "verification mails were sent too often")
  @PostMapping("/resend")
  ResponseEntity<EmailChanges.PendingEmail> resend(
      Caller caller, @AuthenticationPrincipal Jwt jwt) {
    PersonOnly.require(caller);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(emailChanges.resend(provisioning.accountOf(caller, jwt)));
  }

  @SuccessStatus(204)
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @ProblemResponse(
      status = 404,
      type = "no-pending-email-change",
      when = "no change waits for verification")
  @DeleteMapping("/pending")
  ResponseEntity<Void> cancel(Caller caller, @AuthenticationPrincipal Jwt jwt) {
    PersonOnly.require(caller);
    emailChanges.cancel(provisioning.accountOf(caller, jwt));
    return ResponseEntity.noContent().build();
  }

  record VerifyRequest(
      @Schema(description = "The secret from the verification link's URL.") String secret) {}

  record Verified(
      @Schema(description = "The address now in effect.") String email,
      @Schema(description = "Always true: the address is verified.") boolean verified) {}
}
