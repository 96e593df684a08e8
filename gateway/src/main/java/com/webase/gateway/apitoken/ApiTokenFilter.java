package com.webase.gateway.apitoken;

import com.webase.apitoken.ApiTokenFormat;
import com.webase.gateway.client.ClientAddress;
import com.webase.gateway.problem.Problems;
import com.webase.gateway.ratelimit.RateLimits;
import com.webase.gateway.routing.NormalisedPath;
import com.webase.gateway.sites.SiteHosts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code x-api-token} way in (DESIGN §2, §5). A well-formed token is looked up in the cache or
 * introspected at token-service; an active one is replaced by {@code Authorization: Bearer <its
 * token-service JWT>} and the {@code x-api-token} header never goes further. A request without the
 * header passes untouched (a portal session or a bearer token is checked by the service).
 *
 * <p>What a token may reach is {@link ScopePolicy}'s, decided on the normalised path, deny by
 * default. The per-address limit on failed authentications protects token-service, so it counts and
 * blocks only tokens that need a look-up there: a malformed token costs nothing and a cached one
 * always passes (decision record 0025).
 *
 * <p>Revocation: token-service marks a response that revoked a token with {@value #REVOKED_HEADER};
 * this instance evicts that token before the response leaves, so the very next request with it is
 * refused here. Other instances learn it from {@code TokenRevoked} ({@link RevocationListener}).
 */
@Component
public class ApiTokenFilter implements GlobalFilter, Ordered {

  public static final String HEADER = "x-api-token";
  public static final String REVOKED_HEADER = "Webase-Revoked-Token-Id";
  public static final String CALLER_ATTRIBUTE = "webase.caller";

  /**
   * Before the route's own filters: a request is authenticated before its circuit breaker or
   * anything else runs for it. (Token relay does nothing for these requests: they skip the portal's
   * security chain and carry no session principal.)
   */
  static final int ORDER = -100;

  private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

  private final TokenCache cache;
  private final IntrospectionClient introspection;
  private final RateLimits rateLimits;
  private final Problems problems;
  private final MeterRegistry meters;
  private final SiteHosts sites;
  private final ClientAddress clientAddress;

  ApiTokenFilter(
      TokenCache cache,
      IntrospectionClient introspection,
      RateLimits rateLimits,
      Problems problems,
      MeterRegistry meters,
      SiteHosts sites,
      ClientAddress clientAddress) {
    this.sites = sites;
    this.clientAddress = clientAddress;
    this.cache = cache;
    this.introspection = introspection;
    this.rateLimits = rateLimits;
    this.problems = problems;
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    evictWhatTheResponseRevoked(exchange);
    List<String> values = exchange.getRequest().getHeaders().get(HEADER);
    // the sites origin takes no credentials: its route drops the header unread
    if (values == null || sites.isSiteRequest(exchange.getRequest())) {
      return chain.filter(exchange);
    }
    if (values.size() != 1) {
      count("ambiguous");
      return problems.write(
          exchange,
          HttpStatus.BAD_REQUEST,
          "ambiguous-api-token",
          "More than one API token",
          "Send exactly one x-api-token header.");
    }
    String token = values.getFirst().strip();
    if (!ApiTokenFormat.isWellFormed(token)) {
      // costs no look-up, so it is not counted against the address (decision record 0025)
      return refuse(exchange, "malformed");
    }
    String key = TokenCache.keyOf(token);
    if (cache.isRefused(key)) {
      return refuse(exchange, "inactive");
    }
    Optional<Introspected> cached = cache.find(key);
    if (cached.isPresent()) {
      // a token that validates is never refused for what others at its address did
      return admit(exchange, chain, cached.get());
    }
    // only a token that needs token-service is counted and blocked: that limit protects it
    String address = clientAddress.limitKeyOf(exchange.getRequest());
    RateLimits.Decision failures = rateLimits.takeLookUpFor(address);
    if (!failures.allowed()) {
      if (!rateLimits.takeLookUpWhileBlocked()) {
        return blocked(exchange, failures);
      }
      // a valid token is admitted even from a blocked address (issue 12 §5), within a budget
      // all blocked addresses share; an unknown one is refused as the block says
      return introspect(token, key)
          .flatMap(
              lookup ->
                  switch (lookup) {
                    case Lookup.Active active -> admit(exchange, chain, active.token());
                    case Lookup.Inactive inactive -> blocked(exchange, failures);
                    case Lookup.Unavailable unavailable -> unavailable(exchange);
                  });
    }
    return introspect(token, key)
        .flatMap(
            lookup ->
                switch (lookup) {
                  case Lookup.Active active -> {
                    rateLimits.returnLookUpOf(address);
                    yield admit(exchange, chain, active.token());
                  }
                  case Lookup.Inactive inactive -> refuse(exchange, "inactive");
                  case Lookup.Unavailable unavailable -> {
                    rateLimits.returnLookUpOf(address);
                    yield unavailable(exchange);
                  }
                });
  }

  private Mono<Void> blocked(ServerWebExchange exchange, RateLimits.Decision failures) {
    count("address-blocked");
    return problems.write(
        exchange,
        HttpStatus.TOO_MANY_REQUESTS,
        "too-many-failed-authentications",
        "Too many failed authentications",
        "Too many requests from this address carried an unknown API token. Try again later;"
            + " valid tokens keep working.",
        failures.headers());
  }

  private Mono<Lookup> introspect(String token, String key) {
    return introspection
        .introspect(token)
        .map(
            answer -> {
              answer.ifPresent(active -> cache.remember(key, active));
              return answer.<Lookup>map(Lookup.Active::new).orElse(Lookup.INACTIVE);
            })
        .onErrorResume(
            failure -> {
              log.warn("Introspection failed, refusing with 503: {}", failure.toString());
              return Mono.just(Lookup.UNAVAILABLE);
            });
  }

  private Mono<Void> admit(
      ServerWebExchange exchange, GatewayFilterChain chain, Introspected token) {
    ServerHttpRequest request = exchange.getRequest();
    Optional<ScopePolicy.Rule> rule =
        ScopePolicy.ruleFor(request.getMethod(), NormalisedPath.segmentsOf(request));
    if (rule.isEmpty()) {
      // deny by default: a path nobody gave a scope is not open to API tokens
      count("no-scope-rule");
      return problems.write(
          exchange,
          HttpStatus.FORBIDDEN,
          "insufficient-scope",
          "Not open to API tokens",
          "No API-token scope allows "
              + request.getMethod()
              + " "
              + NormalisedPath.of(request)
              + ": it needs a portal session.");
    }
    if (!rule.get().allows(token.scopes())) {
      count("insufficient-scope");
      return problems.write(
          exchange,
          HttpStatus.FORBIDDEN,
          "insufficient-scope",
          "The token lacks a scope",
          "This API token does not have the scope '"
              + rule.get().scope()
              + "' needed for "
              + request.getMethod()
              + " "
              + NormalisedPath.of(request)
              + ".");
    }
    RateLimits.Decision quota = rateLimits.takeForToken(token.tokenId());
    if (!quota.allowed()) {
      count("rate-limited");
      return problems.write(
          exchange,
          HttpStatus.TOO_MANY_REQUESTS,
          "rate-limited",
          "Too many requests",
          "This API token has used its quota of "
              + quota.limit()
              + " requests; it comes back in "
              + quota.resetSeconds()
              + " s.",
          quota.headers());
    }
    count("accepted");
    exchange.getResponse().getHeaders().setAll(quota.headers());
    exchange.getAttributes().put(CALLER_ATTRIBUTE, "api-token:" + token.tokenId());
    ServerHttpRequest forwarded =
        request
            .mutate()
            .headers(
                headers -> {
                  headers.remove(HEADER);
                  headers.setBearerAuth(token.jwt());
                })
            .build();
    return chain.filter(exchange.mutate().request(forwarded).build());
  }

  private Mono<Void> refuse(ServerWebExchange exchange, String outcome) {
    count(outcome);
    return problems.write(
        exchange,
        HttpStatus.UNAUTHORIZED,
        "invalid-api-token",
        "Invalid API token",
        "The x-api-token is not a valid token: it may be mistyped, revoked or expired.");
  }

  private Mono<Void> unavailable(ServerWebExchange exchange) {
    count("unavailable");
    return problems.write(
        exchange,
        HttpStatus.SERVICE_UNAVAILABLE,
        "authentication-unavailable",
        "API tokens cannot be checked right now",
        "The token could not be checked. Nothing was done; retry shortly.",
        Map.of(HttpHeaders.RETRY_AFTER, "5"));
  }

  private void evictWhatTheResponseRevoked(ServerWebExchange exchange) {
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              HttpHeaders headers = exchange.getResponse().getHeaders();
              String revoked = headers.getFirst(REVOKED_HEADER);
              if (revoked != null) {
                headers.remove(REVOKED_HEADER);
                cache.evict(revoked, "response", null);
              }
              return Mono.empty();
            });
  }

  private void count(String outcome) {
    meters.counter("webase.gateway.auth", "outcome", outcome).increment();
  }

  /** What the cache or token-service said about a token. */
  sealed interface Lookup {
    Lookup INACTIVE = new Inactive();
    Lookup UNAVAILABLE = new Unavailable();

    record Active(Introspected token) implements Lookup {}

    record Inactive() implements Lookup {}

    record Unavailable() implements Lookup {}
  }
}
