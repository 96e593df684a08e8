package com.webase.notification.support;

import com.webase.testkit.MovableClock;
import com.webase.testkit.spring.MovableClockConfiguration;
import com.webase.testkit.spring.WebaseServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * notification-service on the real PostgreSQL, Kafka and SMTP server, retrying failed mails quickly
 * so an outage test stays short, with a {@link MovableClock} for rules about time. One Spring
 * context serves every test class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebaseServiceTest
@TestPropertySource(
    properties = {
      "webase.notifications.mail.first-retry=500ms",
      "webase.notifications.mail.max-retry=4s",
      "webase.notifications.mail.poll-interval=200ms"
    })
@Import(MovableClockConfiguration.class)
public @interface NotificationServiceTest {}
