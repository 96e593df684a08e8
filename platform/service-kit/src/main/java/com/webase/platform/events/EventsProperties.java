package com.webase.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How events leave and enter a service.
 *
 * @param resubmitInterval how often outbox rows whose send failed are sent again
 * @param staleAfter when a row still unsent after this long (a crash mid-send) is sent again
 * @param retry back-off between attempts to handle a consumed event before it is dead-lettered
 * @param urgentWait how long {@link UrgentEvents} waits for the broker after a commit (1 s)
 */
@ConfigurationProperties("webase.events")
public record EventsProperties(
    Duration resubmitInterval, Duration staleAfter, Retry retry, Duration urgentWait) {

  public EventsProperties {
    urgentWait = urgentWait == null ? Duration.ofSeconds(1) : urgentWait;
  }

  public record Retry(
      Duration initialInterval, double multiplier, Duration maxInterval, Duration maxElapsedTime) {}
}
