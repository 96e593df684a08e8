package com.webase.testkit.spring;

import com.webase.testkit.MovableClock;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * After every test method of a Spring test, sets the context's {@link MovableClock} (if it has one)
 * back to the real time. Registered for every Spring test through {@code
 * META-INF/spring.factories}.
 */
public class MovableClockReset extends AbstractTestExecutionListener {

  @Override
  public int getOrder() {
    return LOWEST_PRECEDENCE;
  }

  @Override
  public void afterTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext
          .getApplicationContext()
          .getBeanProvider(MovableClock.class)
          .ifAvailable(MovableClock::reset);
    }
  }
}
