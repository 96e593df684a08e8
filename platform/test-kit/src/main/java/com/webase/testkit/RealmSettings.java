package com.webase.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values that {@code deploy/keycloak/realm-webase.json} leaves to the environment — client
 * secrets (never in the repository), the SMTP server and the portal URL; Keycloak replaces the
 * {@code ${WEBASE_...}} placeholders from its environment on import — and the demo user's password,
 * which the kit and the local stack give the demo user they add ({@link
 * KeycloakServer#ensureDemoUser()}): the realm file itself holds no person.
 */
public record RealmSettings(
    String portalClientSecret,
    String gatewayClientSecret,
    String accountServiceClientSecret,
    String demoPassword,
    String smtpHost,
    int smtpPort,
    String portalUrl) {

  public static final String REALM = "webase";
  public static final String DEMO_EMAIL = "demo@webase.local";
  public static final String AUDIENCE = "webase-services";

  /** Fresh random secrets and demo password, for a test run. */
  public static RealmSettings random(String smtpHost, int smtpPort, String portalUrl) {
    return new RealmSettings(
        secret(), secret(), secret(), "Demo-" + secret(), smtpHost, smtpPort, portalUrl);
  }

  public static String secret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WEBASE_PORTAL_CLIENT_SECRET", portalClientSecret);
    env.put("WEBASE_GATEWAY_CLIENT_SECRET", gatewayClientSecret);
    env.put("WEBASE_ACCOUNT_CLIENT_SECRET", accountServiceClientSecret);
    env.put("WEBASE_SMTP_HOST", smtpHost);
    env.put("WEBASE_SMTP_PORT", Integer.toString(smtpPort));
    env.put("WEBASE_PORTAL_URL", portalUrl);
    return env;
  }
}
