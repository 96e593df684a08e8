package com.webase.account.support;

import com.webase.testkit.MovableClock;
import com.webase.testkit.spring.MovableClockConfiguration;
import com.webase.testkit.spring.WebaseServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * account-service on the real servers — PostgreSQL, Kafka, and Keycloak with the webase realm as
 * issuer and as the user store it administers — with a {@link MovableClock} for rules about time.
 * One Spring context serves every test class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebaseServiceTest(keycloak = true)
@Import(MovableClockConfiguration.class)
public @interface AccountServiceTest {}
