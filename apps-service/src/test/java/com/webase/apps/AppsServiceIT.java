package com.webase.apps;

import com.webase.testkit.spring.ServiceFoundationTests;
import com.webase.testkit.spring.WebaseServiceTest;

/** apps-service starts on real PostgreSQL and Kafka, migrates its database and reports health. */
@WebaseServiceTest
class AppsServiceIT extends ServiceFoundationTests {}
