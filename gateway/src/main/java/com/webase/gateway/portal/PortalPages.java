package com.webase.gateway.portal;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The portal's pages on the portal origin: {@code /} (the Apps page, where a login lands) and
 * {@code /settings} (Account Settings). Plain HTML that loads JavaScript modules and a style sheet
 * from {@code static/portal/}; every page asks {@code GET /session} who is signed in. The pages'
 * Content-Security-Policy is set with the portal's other security headers ({@link PortalSecurity}).
 */
@Configuration(proxyBeanMethods = false)
class PortalPages {

  static final String APPS = "/";
  static final String SETTINGS = "/settings";

  @Bean
  RouterFunction<ServerResponse> portalPageRoutes() {
    return RouterFunctions.route(GET(APPS), request -> page("static/index.html"))
        .andRoute(GET(SETTINGS), request -> page("static/settings.html"));
  }

  // no-cache, not no-store: the page itself holds no secret (what it shows comes from the API,
  // which answers no-store), but a new release must reach the browser at once
  private static reactor.core.publisher.Mono<ServerResponse> page(String path) {
    Resource html = new ClassPathResource(path);
    return ServerResponse.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noCache())
        .bodyValue(html);
  }
}
