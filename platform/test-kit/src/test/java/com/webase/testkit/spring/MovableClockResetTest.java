package com.webase.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** A test that moves the clock leaves the next one at the real time ({@link MovableClockReset}). */
@SpringJUnitConfig(MovableClockConfiguration.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MovableClockResetTest {

  @Autowired MovableClock clock;

  @Test
  @Order(1)
  void aTestMovesTheClockAWeekAhead() {
    clock.advance(Duration.ofDays(7));

    assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofDays(6)));
  }

  @Test
  @Order(2)
  void theNextTestSeesTheRealTime() {
    assertThat(Duration.between(Instant.now(), clock.instant()).abs())
        .isLessThan(Duration.ofSeconds(5));
  }
}
