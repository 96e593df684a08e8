package com.webase.gateway.sites;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Which requests are for a live site: those whose {@code Host} is {@code {site}.<sites domain>}
 * (any port), {@code site} being one DNS label. Locally the domain is {@code localhost}, which
 * browsers and curl resolve with every subdomain to this machine. Such a request belongs to the
 * sites origin only: no session, no API token, no portal page answers it (DESIGN §2).
 *
 * <p>Thread-safe.
 */
@Component
@EnableConfigurationProperties(SiteHosts.SitesProperties.class)
public class SiteHosts {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private final String suffix;

  SiteHosts(SitesProperties properties) {
    this.suffix = "." + properties.domain().toLowerCase(Locale.ROOT);
  }

  /** The site a request is for, if it is for one. */
  public Optional<String> siteOf(ServerHttpRequest request) {
    return subdomainOf(request).filter(site -> LABEL.matcher(site).matches());
  }

  /**
   * Whether a request is for a host under the sites domain — a site, or a name that is no site
   * ({@code a.b.<domain>}, {@code bad_name.<domain>}): neither is ever the portal.
   */
  public boolean isSiteRequest(ServerHttpRequest request) {
    return subdomainOf(request).isPresent();
  }

  private Optional<String> subdomainOf(ServerHttpRequest request) {
    String host = request.getHeaders().getFirst(HttpHeaders.HOST);
    if (host == null) {
      return Optional.empty();
    }
    host = host.toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    return host.endsWith(suffix) && host.length() > suffix.length()
        ? Optional.of(host.substring(0, host.length() - suffix.length()))
        : Optional.empty();
  }

  /**
   * @param domain the sites domain: {@code {site}.<domain>} serves a site ({@code localhost}
   *     locally; {@code WEBASE_SITES_DOMAIN})
   */
  @Validated
  @ConfigurationProperties("webase.sites")
  public record SitesProperties(String domain) {
    public SitesProperties {
      domain = domain == null || domain.isBlank() ? "localhost" : domain;
    }
  }
}
