package com.webase.token;

import com.webase.testkit.spring.ServiceFoundationTests;
import com.webase.token.support.TokenServiceTest;

/** token-service starts on real PostgreSQL and Kafka, migrates its database and reports health. */
@TokenServiceTest
class TokenServiceIT extends ServiceFoundationTests {}
