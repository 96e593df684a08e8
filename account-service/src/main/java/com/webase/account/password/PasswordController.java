package com.webase.account.password;

import com.webase.account.accounts.AccountProvisioning;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.security.Caller;
import com.webase.platform.security.PersonOnly;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/account/password} to change it, and {@code POST
 * /api/v1/account/password/strength} for the portal's strength meter.
 */
@RestController
class PasswordController {

  private final PasswordChange passwordChange;
  private final PasswordPolicy policy;
  private final AccountProvisioning provisioning;

  PasswordController(
      PasswordChange passwordChange, PasswordPolicy policy, AccountProvisioning provisioning) {
    this.passwordChange = passwordChange;
    this.policy = policy;
    this.provisioning = provisioning;
  }

  @SuccessStatus(204)
  @ProblemResponse(status = 400, type = "current-password-wrong", when = "currentPassword is wrong")
  @ProblemResponse(status = 400, type = "password-required", when = "no newPassword")
  @ProblemResponse(
      status = 400,
      type = "password-confirmation-mismatch",
      when = "confirmPassword differs")
  @ProblemResponse(status = 400, type = "password-too-short", when = "fewer than 12 characters")
  @ProblemResponse(status = 400, type = "password-too-long", when = "more than 128 characters")
  @ProblemResponse(
      status = 400,
      type = "password-unchanged",
      when = "the new password is the current one")
  @ProblemResponse(
      status = 400,
      type = "password-contains-email",
      when = "it contains the email address")
  @ProblemResponse(status = 400, type = "password-contains-name", when = "it contains the name")
  @ProblemResponse(status = 400, type = "password-too-weak", when = "it is common or easy to guess")
  @ProblemResponse(status = 400, type = "password-refused", when = "Keycloak's policy refused it")
  @ProblemResponse(
      status = 400,
      type = "refused-by-identity-provider",
      when = "Keycloak refused the change")
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @ProblemResponse(
      status = 429,
      type = "too-many-password-attempts",
      when = "too many wrong current passwords")
  @ProblemResponse(
      status = 429,
      type = "login-temporarily-locked",
      when = "the account's login is locked for a while")
  @ProblemResponse(
      status = 503,
      type = "identity-provider-unavailable",
      when = "Keycloak cannot be reached")
  @PostMapping("/api/v1/account/password")
  ResponseEntity<Void> change(
      Caller caller, @AuthenticationPrincipal Jwt jwt, @RequestBody ChangeRequest request) {
    PersonOnly.require(caller);
    passwordChange.change(
        provisioning.accountOf(caller, jwt),
        request.currentPassword(),
        request.newPassword(),
        request.confirmPassword(),
        jwt.getClaimAsString("sid"));
    return ResponseEntity.noContent().build();
  }

  /** Guidance only: how strong a candidate is, and why; nothing is stored or logged. */
  @ProblemResponse(
      status = 403,
      type = "interactive-login-required",
      when = "called with an API token")
  @PostMapping("/api/v1/account/password/strength")
  PasswordPolicy.Estimate strength(
      Caller caller, @AuthenticationPrincipal Jwt jwt, @RequestBody StrengthRequest request) {
    PersonOnly.require(caller);
    String password = request.password();
    if (password == null
        || password.codePointCount(0, password.length()) > PasswordPolicy.MAX_LENGTH) {
      throw ProblemException.invalid(
          "password", "is required and at most " + PasswordPolicy.MAX_LENGTH + " characters");
    }
    var account = provisioning.accountOf(caller, jwt);
    return policy.estimate(password, account.email(), account.name());
  }

  record ChangeRequest(
      @Schema(description = "The current password.") String currentPassword,
      @Schema(
              description =
                  "The new password: 12 to 128 characters; common, breached-style and account-derived passwords are refused.",
              minLength = PasswordPolicy.MIN_LENGTH,
              maxLength = PasswordPolicy.MAX_LENGTH)
          String newPassword,
      @Schema(description = "The new password again.") String confirmPassword) {}

  record StrengthRequest(
      @Schema(description = "A password to rate; it is neither stored nor logged.")
          String password) {}

  @Configuration(proxyBeanMethods = false)
  static class PolicyConfiguration {
    @Bean
    PasswordPolicy passwordPolicy() {
      return new PasswordPolicy();
    }
  }
}
