package com.webase.notification;

import com.webase.notification.support.NotificationServiceTest;
import com.webase.testkit.spring.ServiceFoundationTests;

/**
 * notification-service starts on real PostgreSQL, Kafka and SMTP, migrates its database and reports
 * health.
 */
@NotificationServiceTest
class NotificationServiceIT extends ServiceFoundationTests {}
