package com.webase.gateway.apitoken;

import com.webase.apitoken.ApiTokenFormat;
import com.webase.gateway.problem.Problems;
import com.webase.gateway.sites.SiteHosts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tokens travel only in headers (ASVS 14.2.1, DESIGN §5): a request with one in its query string is
 * refused before anything else sees it, whatever its path — a parameter named like a credential
 * ({@link #NAMES}), or any name or value that holds something in the API-token format ({@link
 * ApiTokenFormat}: prefix and checksum), alone or inside a longer value ({@code ?key=wbt_…}, {@code
 * ?next=/x?t=wbt_…}). The access log never writes query strings, so the refused token is not logged
 * either.
 */
@Component
class TokenInUrlFilter implements WebFilter, Ordered {

  static final Set<String> NAMES =
      Set.of("x-api-token", "api_key", "api-key", "apikey", "token", "access_token");

  private final Problems problems;
  private final MeterRegistry meters;
  private final SiteHosts sites;

  TokenInUrlFilter(Problems problems, MeterRegistry meters, SiteHosts sites) {
    this.problems = problems;
    this.meters = meters;
    this.sites = sites;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (sites.isSiteRequest(exchange.getRequest())) {
      // a site's own query strings are its business: the sites origin takes no API token at all
      return chain.filter(exchange);
    }
    for (var parameter : exchange.getRequest().getQueryParams().entrySet()) {
      String name = parameter.getKey();
      boolean credential =
          NAMES.contains(name.toLowerCase(Locale.ROOT))
              || holdsToken(name)
              || parameter.getValue().stream().anyMatch(TokenInUrlFilter::holdsToken);
      if (credential) {
        meters.counter("webase.gateway.auth", "outcome", "token-in-url").increment();
        return problems.write(
            exchange,
            HttpStatus.BAD_REQUEST,
            "token-in-url",
            "Token in the URL",
            "The query parameter '"
                + name
                + "' holds or names a credential. Send API tokens only in the x-api-token header:"
                + " URLs end up in logs and histories. If this token was real, regenerate it.");
      }
    }
    return chain.filter(exchange);
  }

  /** Whether the text holds an API token: at each prefix, the token-length text after it. */
  static boolean holdsToken(String text) {
    if (text == null) {
      return false;
    }
    for (int at = text.indexOf(ApiTokenFormat.PREFIX);
        at >= 0 && at + ApiTokenFormat.LENGTH <= text.length();
        at = text.indexOf(ApiTokenFormat.PREFIX, at + 1)) {
      if (ApiTokenFormat.isWellFormed(text.substring(at, at + ApiTokenFormat.LENGTH))) {
        return true;
      }
    }
    return false;
  }
}
