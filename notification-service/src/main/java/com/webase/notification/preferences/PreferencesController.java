package com.webase.notification.preferences;

import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PUT /api/v1/notifications/preferences}: {@code welcomeEmail} may be switched off;
 * {@code securityEmail} is always true and a PUT that says otherwise is refused. An API token needs
 * {@code account:read} to read them and {@code account:write} to change them.
 */
@RestController
@RequestMapping("/api/v1/notifications/preferences")
class PreferencesController {

  private final Preferences preferences;

  PreferencesController(Preferences preferences) {
    this.preferences = preferences;
  }

  @GetMapping
  View show(Caller caller) {
    caller.requireScope("account:read");
    return View.of(preferences.of(caller.userId()));
  }

  @ProblemResponse(status = 400, type = "security-email-required", when = "securityEmail was false")
  @PutMapping
  View replace(Caller caller, @RequestBody Update update) {
    caller.requireScope("account:write");
    if (Boolean.FALSE.equals(update.securityEmail())) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "security-email-required",
          "Security email cannot be switched off",
          "Mails about your account's security (email, password and token changes) always go"
              + " out; they are how you learn that someone else acts for you.",
          Map.of(
              "errors",
              List.of(new ProblemResponses.FieldError("securityEmail", "cannot be switched off"))));
    }
    if (update.welcomeEmail() == null) {
      throw ProblemException.invalid("welcomeEmail", "is required (true or false)");
    }
    Preferences.Choices choices = new Preferences.Choices(update.welcomeEmail());
    preferences.save(caller.userId(), choices);
    return View.of(choices);
  }

  record Update(
      @Schema(
              description =
                  "Whether to get the welcome mail and other product mail; absent keeps the current choice.")
          Boolean welcomeEmail,
      @Schema(description = "Must be true or absent: security mail cannot be switched off.")
          Boolean securityEmail) {}

  record View(
      @Schema(description = "Whether product mail is sent.") boolean welcomeEmail,
      @Schema(description = "Always true: security mail is always sent.") boolean securityEmail) {
    static View of(Preferences.Choices choices) {
      return new View(choices.welcomeEmail(), true);
    }
  }
}
