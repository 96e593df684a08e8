package com.webase.account.activity;

import com.webase.events.Topics;
import com.webase.events.token.TokenRegenerated;
import com.webase.platform.events.EventInbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns of token regenerations from token-service, for the person's activity list. */
@Component
class TokenActivity {

  private final EventInbox inbox;
  private final SecurityActivity activity;

  TokenActivity(EventInbox inbox, SecurityActivity activity) {
    this.inbox = inbox;
    this.activity = activity;
  }

  @KafkaListener(topics = Topics.TOKEN, groupId = "account-service")
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.handle(
        record,
        (event, envelope) -> {
          if (event instanceof TokenRegenerated regenerated) {
            activity.recordOnce(
                regenerated.eventId(),
                regenerated.userId(),
                "token-regenerated",
                null,
                regenerated.occurredAt());
          }
        });
  }
}
