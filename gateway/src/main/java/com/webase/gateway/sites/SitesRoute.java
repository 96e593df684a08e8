package com.webase.gateway.sites;

import com.webase.gateway.problem.Problems;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * The sites origin: {@code {site}.<sites domain>/{path}} → apps-service {@code
 * /sites/{site}/{path}}, with no cookies, no {@code Authorization}, no API token and no token
 * relay, and no cookie set in return. A deployed app's script runs on its own origin and never
 * sees, nor sends, anything of the portal's (DESIGN §2).
 *
 * <p>The gateway's routes are matched before its own endpoints ({@code handler-mapping.order} in
 * application.yml), so every path of a site host — {@code /session} included — is the site's.
 */
@Configuration
class SitesRoute {

  /** What a site request never carries further. */
  static final List<String> CREDENTIALS =
      List.of(
          HttpHeaders.COOKIE,
          HttpHeaders.AUTHORIZATION,
          HttpHeaders.PROXY_AUTHORIZATION,
          "x-api-token",
          "X-XSRF-TOKEN");

  @Bean
  RouteLocator sitesRoutes(
      RouteLocatorBuilder routes,
      SiteHosts hosts,
      Problems problems,
      @Value("${WEBASE_APPS_SERVICE_URL:http://localhost:8083}") String appsService,
      @Value("${webase.gateway.timeouts.apps-service:20000}") int responseTimeoutMillis) {
    GatewayFilter toSite =
        (exchange, chain) -> {
          ServerHttpRequest request = exchange.getRequest();
          var found = hosts.siteOf(request);
          if (found.isEmpty()) {
            return problems.write(
                exchange,
                HttpStatus.NOT_FOUND,
                "site-page-not-found",
                "Not found",
                "There is no site at this address.");
          }
          String site = found.get();
          ServerHttpRequest forwarded =
              request
                  .mutate()
                  .path("/sites/" + site + request.getPath().value())
                  .headers(headers -> CREDENTIALS.forEach(headers::remove))
                  .build();
          exchange
              .getResponse()
              .beforeCommit(
                  () -> {
                    exchange.getResponse().getHeaders().remove(HttpHeaders.SET_COOKIE);
                    return Mono.empty();
                  });
          return chain.filter(exchange.mutate().request(forwarded).build());
        };
    return routes
        .routes()
        .route(
            "sites",
            route ->
                route
                    .order(-1)
                    .predicate(exchange -> hosts.isSiteRequest(exchange.getRequest()))
                    .filters(filters -> filters.filter(toSite))
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, 1000)
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseTimeoutMillis)
                    .uri(appsService))
        .build();
  }
}
