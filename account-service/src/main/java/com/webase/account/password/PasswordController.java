package com.webase.account.password;

import com.webase.account.accounts.AccountProvisioning;
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
