package com.webase.token.support;

import com.webase.testkit.spring.MovableClockConfiguration;
import com.webase.testkit.spring.WebaseServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * token-service on the real servers, trusting the real Keycloak realm (people) and the kit's
 * stand-in token-service issuer (API-token callers), with a token encryption secret and a signing
 * key made for the run, and a {@link com.webase.testkit.MovableClock} for rules about time (a login
 * older than the sudo window). One Spring context serves every test class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebaseServiceTest(keycloak = true)
@Import(MovableClockConfiguration.class)
@TestPropertySource(
    properties = {
      "webase.tokens.encryption.keys.k1=${random.uuid}${random.uuid}",
      "webase.tokens.signing.generate-if-missing=true",
      "webase.tokens.introspection.usage-flush-interval=200ms"
    })
public @interface TokenServiceTest {}
