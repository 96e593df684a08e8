package com.webase.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.startup.UnresolvedSecretException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The gateway refuses to start while a client secret is still a {@code ${...}} placeholder. */
class UnresolvedSecretTest {

  @Test
  void aClientSecretPassedThroughUnexpandedStopsTheGatewayNamingTheProperty() {
    // as a manifest that hands the gateway the variable's own placeholder instead of its value
    var gateway = new SpringApplicationBuilder(GatewayApplication.class);

    assertThatThrownBy(
            () ->
                gateway.run(
                    "--WEBASE_PORTAL_CLIENT_SECRET=${WEBASE_PORTAL_CLIENT_SECRET}",
                    "--WEBASE_GATEWAY_CLIENT_SECRET=a-real-value",
                    "--server.port=0",
                    "--management.server.port=0"))
        .isInstanceOf(UnresolvedSecretException.class)
        .hasMessageStartingWith("Refusing to start")
        .hasMessageContaining("webase.portal.portal-client-secret")
        .hasMessageContaining("${WEBASE_PORTAL_CLIENT_SECRET}")
        .hasMessageNotContaining("gateway-client-secret")
        .hasMessageNotContaining("a-real-value");
  }
}
