package com.webase.account.email;

import com.webase.account.accounts.AccountProvisioning;
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
  @PostMapping("/verify")
  Verified verify(@RequestBody VerifyRequest request) {
    return new Verified(emailChanges.verify(request.secret()), true);
  }

  @PostMapping("/resend")
  ResponseEntity<EmailChanges.PendingEmail> resend(
      Caller caller, @AuthenticationPrincipal Jwt jwt) {
    PersonOnly.require(caller);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(emailChanges.resend(provisioning.accountOf(caller, jwt)));
  }

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
