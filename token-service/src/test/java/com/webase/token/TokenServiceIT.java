package com.webase.token;

import com.webase.testkit.spring.ServiceFoundationTests;
import com.webase.testkit.spring.WebaseServiceTest;

/** token-service starts on real PostgreSQL and Kafka, migrates its database and reports health. */
@WebaseServiceTest
class TokenServiceIT extends ServiceFoundationTests {}
