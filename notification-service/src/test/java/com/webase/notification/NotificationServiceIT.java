package com.webase.notification;

import com.webase.testkit.spring.ServiceFoundationTests;
import com.webase.testkit.spring.WebaseServiceTest;

/**
 * notification-service starts on real PostgreSQL and Kafka, migrates its database and reports
 * health.
 */
@WebaseServiceTest
class NotificationServiceIT extends ServiceFoundationTests {}
