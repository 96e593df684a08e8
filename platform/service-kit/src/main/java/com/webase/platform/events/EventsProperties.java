package com.webase.platform.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How events leave and enter a service.
 *
 * @param resubmitInterval how often the outbox's sweeper sends what is due again (5 s)
 * @param staleAfter how long an event may stay unacknowledged before any instance sends it again
 *     (30 s): the claim a process holds on what it committed
 * @param retry back-off between attempts to handle a consumed event before it is dead-lettered
 * @param urgentWait how long {@link UrgentEvents} waits for the broker after a commit (1 s)
 * @param lanes how many keys the outbox sends in parallel (8); events of one key share a lane
 * @param laneCapacity events a lane holds before it refuses more to the sweeper (10,000)
 */
@Validated
@ConfigurationProperties("webase.events")
public record EventsProperties(
    Duration resubmitInterval,
    Duration staleAfter,
    @NotNull @Valid Retry retry,
    Duration urgentWait,
    int lanes,
    int laneCapacity) {

  public EventsProperties {
    resubmitInterval = resubmitInterval == null ? Duration.ofSeconds(5) : resubmitInterval;
    staleAfter = staleAfter == null ? Duration.ofSeconds(30) : staleAfter;
    urgentWait = urgentWait == null ? Duration.ofSeconds(1) : urgentWait;
    lanes = lanes <= 0 ? 8 : lanes;
    laneCapacity = laneCapacity <= 0 ? 10_000 : laneCapacity;
  }

  public record Retry(
      @NotNull Duration initialInterval,
      @DecimalMin("1.0") double multiplier,
      @NotNull Duration maxInterval,
      @NotNull Duration maxElapsedTime) {}
}
