package com.webase.token.signing;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * The same public keys as {@code /.well-known/jwks.json}, on the management port ({@code
 * /actuator/jwks}): where the services fetch them in a deployment, so that token-service's API port
 * — and its introspection — admits the gateway alone (deploy/k8s NetworkPolicies, decision 0029).
 */
@Component
@Endpoint(id = "jwks")
class JwksEndpoint {

  private final SigningKeys keys;

  JwksEndpoint(SigningKeys keys) {
    this.keys = keys;
  }

  @ReadOperation
  Map<String, Object> jwks() {
    return keys.publicKeys().toJSONObject();
  }
}
