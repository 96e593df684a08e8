package com.webase.testkit.spring;

import com.webase.testkit.MovableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Makes a {@link MovableClock} the service's {@code Clock}: {@code @Import} it on a service's test
 * annotation. {@link MovableClockReset} puts the clock back to the real time after every test
 * method, so a test that moves it cannot leave the next test in the future.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

  @Bean
  @Primary
  MovableClock movableClock() {
    return new MovableClock();
  }
}
