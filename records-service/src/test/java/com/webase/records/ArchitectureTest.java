package com.webase.records;

import com.webase.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void featuresAndServiceBoundariesHold() {
    ServiceArchitecture.verify(RecordsServiceApplication.class);
  }
}
