package com.webase.testkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of a whole service on a random port, wired to the real servers of {@link
 * com.webase.testkit.RealServers}: its own database in the shared PostgreSQL, the Kafka broker, the
 * SMTP server, Redis when asked for, and as JWT issuers the test stand-in for token-service and,
 * when asked for, Keycloak's webase realm.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface WebaseServiceTest {

  /** Start Keycloak (≈ 20 s, once per JVM) and trust its realm as an issuer. */
  boolean keycloak() default false;

  /** Start Redis and point {@code spring.data.redis.url} at it (the gateway's sessions). */
  boolean redis() default false;

  /** Whether the service has a database; the gateway does not. */
  boolean database() default true;
}
