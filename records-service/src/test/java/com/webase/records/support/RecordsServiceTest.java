package com.webase.records.support;

import com.webase.testkit.spring.WebaseServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * records-service on the real PostgreSQL and Kafka, trusting the kit's stand-in token-service
 * issuer: callers are programs with API tokens of chosen scopes. One Spring context serves every
 * test class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebaseServiceTest
public @interface RecordsServiceTest {}
