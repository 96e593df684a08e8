package com.webase.platform.security;

import com.webase.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * Sensitive account actions need a person (DESIGN §5, ASVS 7.2.2): an API token alone may use the
 * API, but not show or replace tokens, nor change the email or the password.
 */
public final class PersonOnly {

  private PersonOnly() {}

  /** Refuses an API-token caller with 403 {@code interactive-login-required}. */
  public static void require(Caller caller) {
    if (!caller.isPerson()) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "interactive-login-required",
          "Interactive login required",
          "This action needs a person signed in to the Webase portal; an API token cannot do it.");
    }
  }

  /** Also refuses a person whose login is older than {@code maxAge}: they must log in again. */
  public static void requireRecentLogin(Caller caller, Duration maxAge, Clock clock) {
    require(caller);
    if (!caller.loggedInWithin(maxAge, clock.instant())) {
      throw new ProblemException(
          HttpStatus.UNAUTHORIZED,
          "recent-login-required",
          "Recent login required",
          "For this action, log in again (your last login is older than "
              + maxAge.toMinutes()
              + " minutes) or give your current password.");
    }
  }
}
