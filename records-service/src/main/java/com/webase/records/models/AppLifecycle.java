package com.webase.records.models;

import com.webase.events.Topics;
import com.webase.events.apps.AppCreated;
import com.webase.events.apps.AppDeleted;
import com.webase.platform.events.EventInbox;
import com.webase.records.ownership.AppOwnership;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows apps-service: a created app is recorded with its owner; a deleted app is marked deleted
 * (its models answer 404 from then on) and its models and records are removed, in the one
 * transaction that also records the event as processed.
 */
@Component
class AppLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AppLifecycle.class);

  private final EventInbox inbox;
  private final AppOwnership ownership;
  private final Models models;

  AppLifecycle(EventInbox inbox, AppOwnership ownership, Models models) {
    this.inbox = inbox;
    this.ownership = ownership;
    this.models = models;
  }

  @KafkaListener(topics = Topics.APPS, groupId = "records-service")
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.handle(
        record,
        (event, envelope) -> {
          switch (event) {
            case AppCreated created -> ownership.appCreated(created.appId(), created.ownerId());
            case AppDeleted deleted -> {
              ownership.appDeleted(deleted.appId(), deleted.ownerId(), deleted.occurredAt());
              int removed = models.deleteAllOf(deleted.appId(), deleted.ownerId());
              log.info("app {} deleted: removed {} model(s)", deleted.appId(), removed);
            }
            default -> {
              // other app events do not concern records
            }
          }
        });
  }
}
