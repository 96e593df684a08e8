package com.webase.platform.security;

import com.webase.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Sensitive account actions need a person (DESIGN §5, ASVS 7.2.2): an API token alone may use the
 * API, but not show or replace tokens, nor change the email or the password.
 */
public final class PersonOnly {

  /**
   * Where a person re-authenticates: the gateway runs the Keycloak login again ({@code max_age=0})
   * and sends the browser back to the portal path given as {@code ?returnTo=}. Every {@code
   * recent-login-required} problem carries it as the extension member {@code reauthenticateUrl}.
   */
  public static final String REAUTHENTICATE_URL = "/session/reauthenticate";

  /**
   * The request attribute (a {@link Duration}) that says the request needed a login younger than
   * that: the kit's Idempotency-Key replay checks it again before it gives the answer back.
   */
  public static final String RECENT_LOGIN_ATTRIBUTE = "webase.recent-login-required";

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

  /**
   * Also refuses a person whose login is older than {@code maxAge} (sudo mode, DESIGN §5) with 401
   * {@code recent-login-required} and {@code reauthenticateUrl}: they must log in again. A login
   * whose time is unknown (a token without {@code auth_time}) counts as old.
   */
  public static void requireRecentLogin(Caller caller, Duration maxAge, Clock clock) {
    requireRecentLogin(caller, maxAge, clock, "For this action, log in again");
  }

  /**
   * As {@link #requireRecentLogin(Caller, Duration, Clock)}, with what the person can do instead in
   * the detail (e.g. "… or give your current password").
   */
  public static void requireRecentLogin(
      Caller caller, Duration maxAge, Clock clock, String whatToDo) {
    require(caller);
    // an Idempotency-Key replay of this request's answer must pass the same check
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(RECENT_LOGIN_ATTRIBUTE, maxAge, RequestAttributes.SCOPE_REQUEST);
    }
    if (!caller.loggedInWithin(maxAge, clock.instant())) {
      throw new ProblemException(
          HttpStatus.UNAUTHORIZED,
          "recent-login-required",
          "Recent login required",
          whatToDo
              + " (this needs a login of the last "
              + maxAge.toMinutes()
              + " minutes; re-authenticate at "
              + REAUTHENTICATE_URL
              + ").",
          Map.of("reauthenticateUrl", REAUTHENTICATE_URL));
    }
  }
}
