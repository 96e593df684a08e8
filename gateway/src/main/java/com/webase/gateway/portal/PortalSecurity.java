package com.webase.gateway.portal;

import com.webase.gateway.apitoken.ApiTokenFilter;
import com.webase.gateway.problem.Problems;
import com.webase.gateway.sites.SiteHosts;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.server.session.ReactiveOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The portal's login (DESIGN §2): the gateway is Keycloak's OAuth2 client {@code webase-portal}
 * (authorization code with PKCE), keeps each session's own tokens in that session — in Redis,
 * shared by every gateway (Spring Session) — relays the access token to the services ({@code
 * TokenRelay}), and protects unsafe browser requests with a CSRF token (cookie {@code XSRF-TOKEN},
 * header {@code X-XSRF-TOKEN}). Logout ends the Keycloak session too (RP-initiated logout), and a
 * Keycloak session that ends elsewhere ends its portal sessions (OIDC back-channel logout).
 *
 * <p>The gateway authorises nothing itself: each service decides who may do what from the JWT it
 * receives, and a request with no credentials reaches the service and gets its 401.
 */
@Configuration
@EnableConfigurationProperties(PortalProperties.class)
class PortalSecurity {

  static final String PORTAL = "keycloak";
  static final String SESSION_COOKIE = "SESSION";
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  /**
   * Both Keycloak clients, with endpoints written out rather than discovered: the gateway starts,
   * and serves API tokens, while Keycloak is still starting or down.
   */
  @Bean
  ReactiveClientRegistrationRepository clientRegistrations(PortalProperties portal) {
    ClientRegistration login =
        ClientRegistration.withRegistrationId(PORTAL)
            .clientId("webase-portal")
            .clientSecret(portal.portalClientSecret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope("openid", "profile", "email")
            .issuerUri(portal.issuer())
            .authorizationUri(portal.endpoint("auth"))
            .tokenUri(portal.endpoint("token"))
            .jwkSetUri(portal.endpoint("certs"))
            .userInfoUri(portal.endpoint("userinfo"))
            .userNameAttributeName("sub")
            .providerConfigurationMetadata(
                Map.of("end_session_endpoint", portal.endpoint("logout")))
            .clientName("Webase")
            .build();
    ClientRegistration gateway =
        ClientRegistration.withRegistrationId("webase-gateway")
            .clientId("webase-gateway")
            .clientSecret(portal.gatewayClientSecret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .tokenUri(portal.endpoint("token"))
            .build();
    return new InMemoryReactiveClientRegistrationRepository(login, gateway);
  }

  /**
   * Each session's own tokens, kept in the session (and so in Redis with it): a second login of the
   * same person does not replace the tokens an earlier session relays, and logging out (the session
   * invalidated) drops them.
   */
  @Bean
  ServerOAuth2AuthorizedClientRepository authorizedClients() {
    return new WebSessionServerOAuth2AuthorizedClientRepository();
  }

  /** Keycloak {@code sid} → portal sessions, shared by every gateway (decision 0020). */
  @Bean
  ReactiveOidcSessionRegistry oidcSessionRegistry(
      ReactiveRedisConnectionFactory redis, PortalProperties portal) {
    return new RedisOidcSessionRegistry(redis, portal.sessionRegistryLifetime());
  }

  /** What {@code TokenRelay} uses: the session's access token, refreshed when it expires. */
  @Bean
  ReactiveOAuth2AuthorizedClientManager authorizedClientManager(
      ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository authorizedClients) {
    var manager =
        new DefaultReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
    manager.setAuthorizedClientProvider(
        ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
            .authorizationCode()
            .refreshToken()
            .build());
    return manager;
  }

  @Bean
  SecurityWebFilterChain portalFilterChain(
      ServerHttpSecurity http,
      ReactiveClientRegistrationRepository registrations,
      PortalProperties portal,
      Problems problems,
      SiteHosts sites,
      ReactiveOidcSessionRegistry oidcSessions,
      ReactiveSessionRepository<? extends Session> sessions) {
    var authorizationRequests = new PortalAuthorizationRequests(registrations);
    var logoutSuccess = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
    logoutSuccess.setPostLogoutRedirectUri("{baseUrl}" + portal.afterLoginUrl());
    var csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
    // a program's request carries its credential in a header (x-api-token, or a bearer token it
    // got elsewhere): it has nothing to do with sessions, login or CSRF and skips this chain
    // entirely, which saves about 1.7 ms per request here (docs/BENCHMARKS.md)
    // a site request (the sites origin) has no session, no login and no CSRF cookie either
    return http.securityMatcher(exchange -> browserRequest(exchange, sites))
        .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .oauth2Login(
            login ->
                login
                    .authorizationRequestResolver(authorizationRequests)
                    .oidcSessionRegistry(oidcSessions)
                    .authenticationSuccessHandler(new LoggedIn(portal)))
        // Keycloak tells the gateway when one of its sessions ends (logout elsewhere, a password
        // change ending the person's other sessions, an administrator): the portal sessions of
        // that sid are deleted from the store, whichever gateway they were made on
        .oidcLogout(
            logout ->
                logout
                    .clientRegistrationRepository(registrations)
                    .oidcSessionRegistry(oidcSessions)
                    .backChannel(
                        backChannel ->
                            backChannel.logoutHandler(
                                new BackChannelLogout(oidcSessions, sessions))))
        .logout(
            logout ->
                logout
                    .logoutHandler(
                        new DelegatingServerLogoutHandler(
                            new SecurityContextServerLogoutHandler(),
                            new WebSessionServerLogoutHandler()))
                    .logoutSuccessHandler(logoutSuccess))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(csrfTokens)
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(PortalSecurity::unsafeBrowserRequest)
                    .accessDeniedHandler(
                        (exchange, denied) ->
                            problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "csrf-token-missing",
                                "CSRF token missing or wrong",
                                "A browser request that changes something must carry the"
                                    + " X-XSRF-TOKEN header with the value of the XSRF-TOKEN"
                                    + " cookie.")))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(contentSecurityPolicy(portal)))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .build();
  }

  /**
   * The portal's pages run only their own files: no inline script or style, no {@code eval}, no
   * other origin to fetch from or be framed by. Forms may post to the portal and, for the redirect
   * that signing out follows, to Keycloak. The answers of the API through the gateway carry it too,
   * harmlessly: a JSON answer opened as a page can run nothing either.
   */
  static String contentSecurityPolicy(PortalProperties portal) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
        + " frame-ancestors 'none'; form-action 'self' "
        + URI.create(portal.keycloakUrl()).resolve("/").toString().replaceAll("/$", "");
  }

  /**
   * After the login's callback: the session now holds a login, so it gets the full idle timeout (a
   * session that only started a login lives {@link PortalProperties#pendingLoginTimeout()}), and
   * the browser goes where {@code /session/reauthenticate} was asked to return, or to the
   * after-login URL.
   */
  static final class LoggedIn implements ServerAuthenticationSuccessHandler {

    static final String RETURN_TO = LoggedIn.class.getName() + ".RETURN_TO";

    private final PortalProperties portal;
    private final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

    LoggedIn(PortalProperties portal) {
      this.portal = portal;
    }

    @Override
    public Mono<Void> onAuthenticationSuccess(
        WebFilterExchange webFilterExchange, Authentication authentication) {
      ServerWebExchange exchange = webFilterExchange.getExchange();
      return exchange
          .getSession()
          .flatMap(
              session -> {
                session.setMaxIdleTime(portal.sessionTimeout());
                Object returnTo = session.getAttributes().remove(RETURN_TO);
                String target =
                    returnTo instanceof String path && ReturnTo.isSafe(path)
                        ? path
                        : portal.afterLoginUrl();
                return redirects.sendRedirect(exchange, URI.create(target));
              });
    }
  }

  /**
   * Ends the portal sessions of a Keycloak session that Keycloak reports ended: deletes them from
   * the session store (their tokens with them). Spring Security's own handler instead calls the
   * gateway's {@code /logout} with the session's cookie, which the cookie-based CSRF protection
   * here would refuse.
   */
  static final class BackChannelLogout implements ServerLogoutHandler {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

    private final ReactiveOidcSessionRegistry registry;
    private final ReactiveSessionRepository<? extends Session> sessions;

    BackChannelLogout(
        ReactiveOidcSessionRegistry registry,
        ReactiveSessionRepository<? extends Session> sessions) {
      this.registry = registry;
      this.sessions = sessions;
    }

    @Override
    public Mono<Void> logout(WebFilterExchange exchange, Authentication authentication) {
      if (!(authentication.getCredentials() instanceof OidcLogoutToken token)) {
        return Mono.empty();
      }
      return registry
          .removeSessionInformation(token)
          .concatMap(
              info ->
                  sessions
                      .deleteById(info.getSessionId())
                      .doOnSuccess(
                          done ->
                              log.info(
                                  "portal session of Keycloak session {} ended by back-channel"
                                      + " logout",
                                  token.getSessionId())))
          .then();
    }
  }

  private static Mono<ServerWebExchangeMatcher.MatchResult> browserRequest(
      ServerWebExchange exchange, SiteHosts sites) {
    return carriesHeaderCredential(exchange) || sites.isSiteRequest(exchange.getRequest())
        ? ServerWebExchangeMatcher.MatchResult.notMatch()
        : ServerWebExchangeMatcher.MatchResult.match();
  }

  private static boolean carriesHeaderCredential(ServerWebExchange exchange) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    return headers.containsHeader(ApiTokenFilter.HEADER)
        || headers.containsHeader(HttpHeaders.AUTHORIZATION);
  }

  /**
   * A request that a forged cross-site form could send: an unsafe method riding on the session
   * cookie. A request carrying its own credential in a header ({@code x-api-token} or {@code
   * Authorization}) cannot be forged by another site and needs no CSRF token.
   */
  private static Mono<ServerWebExchangeMatcher.MatchResult> unsafeBrowserRequest(
      ServerWebExchange exchange) {
    var request = exchange.getRequest();
    boolean needed =
        !SAFE.contains(request.getMethod())
            && request.getCookies().containsKey(SESSION_COOKIE)
            && !carriesHeaderCredential(exchange);
    return needed
        ? ServerWebExchangeMatcher.MatchResult.match()
        : ServerWebExchangeMatcher.MatchResult.notMatch();
  }
}
