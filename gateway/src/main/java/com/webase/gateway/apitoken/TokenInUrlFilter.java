package com.webase.gateway.apitoken;

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
 * refused before anything else sees it, whatever its path. The access log never writes query
 * strings, so the refused token is not logged either.
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
    for (String name : exchange.getRequest().getQueryParams().keySet()) {
      if (NAMES.contains(name.toLowerCase(Locale.ROOT))) {
        meters.counter("webase.gateway.auth", "outcome", "token-in-url").increment();
        return problems.write(
            exchange,
            HttpStatus.BAD_REQUEST,
            "token-in-url",
            "Token in the URL",
            "The query parameter '"
                + name
                + "' looks like a credential. Send API tokens only in the x-api-token header: URLs"
                + " end up in logs and histories. If this token was real, regenerate it.");
      }
    }
    return chain.filter(exchange);
  }
}
