package com.webase.token.accounts;

import com.webase.events.Topics;
import com.webase.events.account.AccountCreated;
import com.webase.events.account.AccountDeleted;
import com.webase.events.token.TokenRevoked;
import com.webase.platform.events.EventInbox;
import com.webase.token.defaulttoken.DefaultTokens;
import com.webase.token.tokens.ApiTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows accounts: a new account gets its default token; a deleted account loses every token at
 * once, each revocation announced so that gateways evict it.
 */
@Component
class AccountLifecycle {

  private final EventInbox inbox;
  private final DefaultTokens defaultTokens;
  private final ApiTokens tokens;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AccountLifecycle(
      EventInbox inbox,
      DefaultTokens defaultTokens,
      ApiTokens tokens,
      ApplicationEventPublisher events,
      Clock clock) {
    this.inbox = inbox;
    this.defaultTokens = defaultTokens;
    this.tokens = tokens;
    this.events = events;
    this.clock = clock;
  }

  @KafkaListener(topics = Topics.ACCOUNT, groupId = "token-service")
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.handle(
        record,
        (event, envelope) -> {
          switch (event) {
            case AccountCreated created -> defaultTokens.ensureExists(created.accountId());
            case AccountDeleted deleted -> revokeAll(deleted.accountId());
            default -> {
              // other account events do not concern tokens
            }
          }
        });
  }

  private void revokeAll(String userId) {
    Instant now = clock.instant();
    for (UUID id : tokens.activeIdsOf(userId, now)) {
      if (tokens.revoke(id, now)) {
        events.publishEvent(new TokenRevoked(UUID.randomUUID(), now, userId, id.toString(), now));
      }
    }
  }
}
