package com.webase.platform.events;

import java.time.Duration;
import java.time.Instant;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends again what the outbox could not deliver. Spring Modulith marks a publication whose send
 * failed (broker down) as failed and does not retry it by itself; this sends those on a schedule,
 * and also rows left in flight for longer than {@code stale-after} by a process that died mid-send.
 */
public class OutboxResubmission {

  private final IncompleteEventPublications publications;
  private final Duration staleAfter;

  OutboxResubmission(IncompleteEventPublications publications, EventsProperties properties) {
    this.publications = publications;
    this.staleAfter = properties.staleAfter();
  }

  @Scheduled(
      fixedDelayString = "${webase.events.resubmit-interval}",
      initialDelayString = "${webase.events.resubmit-interval}")
  public void resubmitUndelivered() {
    Instant staleBefore = Instant.now().minus(staleAfter);
    publications.resubmitIncompletePublications(
        ResubmissionOptions.defaults()
            .withMinAge(Duration.ZERO)
            .withFilter(
                publication ->
                    publication.getStatus() == EventPublication.Status.FAILED
                        || publication.getPublicationDate().isBefore(staleBefore)));
  }
}
