package com.webase.gateway.ratelimit;

import com.webase.gateway.client.ClientAddress;
import com.webase.gateway.problem.Problems;
import com.webase.gateway.sites.SiteHosts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A per-address quota on starting a portal login ({@code /oauth2/authorization/...}, and {@code
 * /session/reauthenticate}, which remembers where to return in the session; issue 12 §2). Each
 * start stores a pending authorization request in a new session, so an unauthenticated flood from
 * one address could fill the session store and stop everybody else logging in. Over the quota the
 * answer is a 429 problem with {@code Retry-After}, given before Spring Security runs, so no
 * session is made for it. The address is {@link ClientAddress}'s (trusted proxies only).
 */
@Component
class LoginStartLimit implements WebFilter, Ordered {

  static final String LOGIN_START = "/oauth2/authorization/";
  static final String REAUTHENTICATION = "/session/reauthenticate";
  static final String STARTS = "webase.gateway.login.starts";

  private final RateLimits rateLimits;
  private final ClientAddress clientAddress;
  private final Problems problems;
  private final MeterRegistry meters;
  private final SiteHosts sites;

  LoginStartLimit(
      RateLimits rateLimits,
      ClientAddress clientAddress,
      Problems problems,
      MeterRegistry meters,
      SiteHosts sites) {
    this.rateLimits = rateLimits;
    this.clientAddress = clientAddress;
    this.problems = problems;
    this.meters = meters;
    this.sites = sites;
    // at zero from the start, for the dashboards and alerts
    meters.counter(STARTS, "outcome", "rate-limited");
  }

  /** Before the security chain (order -100), which would make the session. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 20;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    String path = request.getPath().value();
    boolean start = path.startsWith(LOGIN_START) || path.equals(REAUTHENTICATION);
    if (!start || sites.isSiteRequest(request)) {
      return chain.filter(exchange);
    }
    RateLimits.Decision quota = rateLimits.takeForLoginStart(clientAddress.limitKeyOf(request));
    if (quota.allowed()) {
      return chain.filter(exchange);
    }
    meters.counter(STARTS, "outcome", "rate-limited").increment();
    return problems.write(
        exchange,
        HttpStatus.TOO_MANY_REQUESTS,
        "too-many-login-starts",
        "Too many logins started",
        "Too many logins were started from this address. Try again in "
            + quota.resetSeconds()
            + " s.",
        quota.headers());
  }
}
