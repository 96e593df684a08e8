package com.webase.gateway.apidocs;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway reads each service's OpenAPI document: the service's management port ({@code
 * /actuator/openapi}), on the internal network, never routed to from outside.
 *
 * @param services service name → its document's URL, in the order the reference lists them
 * @param refresh how long a read document is served before it is read again
 * @param timeout how long one read may take; a service that does not answer keeps its last document
 */
@Validated
@ConfigurationProperties("webase.api-docs")
public record ApiDocsProperties(Map<String, URI> services, Duration refresh, Duration timeout) {

  public ApiDocsProperties {
    services = services == null ? Map.of() : new LinkedHashMap<>(services);
    refresh = refresh == null ? Duration.ofSeconds(30) : refresh;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }
}
