package com.webase.account;

import com.webase.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void featuresAndServiceBoundariesHold() {
    ServiceArchitecture.verify(AccountServiceApplication.class);
  }
}
