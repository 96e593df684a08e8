package com.webase.records;

import com.webase.testkit.spring.ServiceFoundationTests;
import com.webase.testkit.spring.WebaseServiceTest;

/**
 * records-service starts on real PostgreSQL and Kafka, migrates its database and reports health.
 */
@WebaseServiceTest
class RecordsServiceIT extends ServiceFoundationTests {}
