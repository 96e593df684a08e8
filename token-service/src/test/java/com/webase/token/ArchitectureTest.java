package com.webase.token;

import com.webase.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void featuresAndServiceBoundariesHold() {
    ServiceArchitecture.verify(TokenServiceApplication.class);
  }
}
