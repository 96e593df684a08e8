package com.webase.apps.apps;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxAppsPerOwner apps a person may have at once (200)
 * @param siteUrlTemplate the public address of a site, {@code {site}} standing for its name, e.g.
 *     {@code https://{site}.webase.app/}; locally {@code http://{site}.localhost:8080/}
 * @param purgeAfter how long a deleted app's data is kept before it is erased (1 day)
 * @param entryPage the page a site opens on ({@code index.html}): a deployment needs it, an
 *     evaluation checks it, a directory of a site serves it
 */
@Validated
@ConfigurationProperties("webase.apps")
public record AppsProperties(
    int maxAppsPerOwner,
    String siteUrlTemplate,
    Duration purgeAfter,
    @Pattern(regexp = "[^/].*") String entryPage) {

  public AppsProperties {
    maxAppsPerOwner = maxAppsPerOwner <= 0 ? 200 : maxAppsPerOwner;
    siteUrlTemplate = siteUrlTemplate == null ? "http://{site}.localhost:8080/" : siteUrlTemplate;
    if (!siteUrlTemplate.contains("{site}")) {
      throw new IllegalArgumentException("webase.apps.site-url-template must contain {site}");
    }
    purgeAfter = purgeAfter == null ? Duration.ofDays(1) : purgeAfter;
    entryPage = entryPage == null ? "index.html" : entryPage;
  }

  /** Where the site of this name is served. */
  public String siteUrl(String siteName) {
    return siteUrlTemplate.replace("{site}", siteName);
  }
}
