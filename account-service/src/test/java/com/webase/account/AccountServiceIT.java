package com.webase.account;

import com.webase.testkit.spring.ServiceFoundationTests;
import com.webase.testkit.spring.WebaseServiceTest;

/**
 * account-service starts on real PostgreSQL and Kafka, migrates its database and reports health.
 */
@WebaseServiceTest
class AccountServiceIT extends ServiceFoundationTests {}
