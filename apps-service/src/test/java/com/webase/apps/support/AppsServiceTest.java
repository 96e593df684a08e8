package com.webase.apps.support;

import com.webase.testkit.spring.WebaseServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * apps-service on the real PostgreSQL and Kafka, trusting the kit's stand-in token-service issuer:
 * every caller is a program with an API token's JWT ({@link Caller}). Small file limits, so that
 * the limits are reached with small bodies. One Spring context serves every class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebaseServiceTest
@TestPropertySource(
    properties = {
      "webase.apps.files.max-file-size=64KB",
      "webase.apps.files.max-app-size=256KB",
      "webase.apps.files.max-files=50",
      "webase.apps.files.max-change-files=20",
      "webase.events.resubmit-interval=1s"
    })
public @interface AppsServiceTest {}
