package com.webase.token.accounts;

import com.webase.events.Topics;
import com.webase.events.account.AccountCreated;
import com.webase.events.account.AccountDeleted;
import com.webase.events.token.TokenRevoked;
import com.webase.platform.events.EventInbox;
import com.webase.token.defaulttoken.DefaultTokens;
import com.webase.token.tokens.ApiTokens;
import com.webase.token.tokens.DeletedAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows accounts: a new account gets its default token; a deleted account loses every token at
 * once, each revocation announced so that gateways evict it, and is remembered so that no token is
 * issued to it again (decision 0022).
 */
@Component
class AccountLifecycle {

  private final EventInbox inbox;
  private final DefaultTokens defaultTokens;
  private final ApiTokens tokens;
  private final DeletedAccounts deletedAccounts;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AccountLifecycle(
      EventInbox inbox,
      DefaultTokens defaultTokens,
      ApiTokens tokens,
      DeletedAccounts deletedAccounts,
      ApplicationEventPublisher events,
      Clock clock) {
    this.inbox = inbox;
    this.defaultTokens = defaultTokens;
    this.tokens = tokens;
    this.deletedAccounts = deletedAccounts;
    this.events = events;
    this.clock = clock;
  }

  @KafkaListener(topics = Topics.ACCOUNT, groupId = "token-service")
  void on(ConsumerRecord<String, byte[]> record) {
    inbox.handle(
        record,
        (event, envelope) -> {
          switch (event) {
            case AccountCreated created -> {
              // an account deleted since (a replayed or late event) gets no token
              if (!deletedAccounts.isDeleted(created.accountId())) {
                defaultTokens.createFor(created.accountId());
              }
            }
            case AccountDeleted deleted -> revokeAll(deleted.accountId());
            default -> {
              // other account events do not concern tokens
            }
          }
        });
  }

  /** Runs in the inbox's transaction: remembered and revoked together, or neither. */
  private void revokeAll(String userId) {
    Instant now = clock.instant();
    // waits for a token being issued right now, which is then among those revoked below
    deletedAccounts.markDeleted(userId, now);
    for (UUID id : tokens.activeIdsOf(userId, now)) {
      if (tokens.revoke(id, now)) {
        events.publishEvent(new TokenRevoked(UUID.randomUUID(), now, userId, id.toString(), now));
      }
    }
  }
}
