package com.webase.account;

import com.webase.account.support.AccountServiceTest;
import com.webase.testkit.spring.ServiceFoundationTests;

/**
 * account-service starts on real PostgreSQL, Kafka and Keycloak, migrates its database and reports
 * health.
 */
@AccountServiceTest
class AccountServiceIT extends ServiceFoundationTests {}
