package com.webase.platform.kittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.events.Topics;
import com.webase.events.token.TokenRevoked;
import com.webase.platform.events.UrgentEvents;
import com.webase.testkit.TopicReader;
import com.webase.testkit.spring.WebaseServiceTest;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Urgent events: on the topic by the time the committing call returns, and sent once — the
 * acknowledgement deletes the outbox row ({@link UrgentEventsFallbackIT}: the outbox sends it when
 * the direct send failed).
 */
@WebaseServiceTest(keycloak = true)
class UrgentEventsIT {

  @Autowired UrgentEvents urgentEvents;
  @Autowired TransactionTemplate transactions;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;
  @Autowired Tracer tracer;

  @Test
  void aCommittedUrgentEventIsOnTheTopicWhenTheCallReturnsAndIsSentOnlyOnce() {
    var event = revoked("user-urgent");
    try (var reader = new TopicReader(Topics.TOKEN)) {
      transactions.executeWithoutResult(status -> urgentEvents.publish(event));

      // already acknowledged by the broker (the wait covers the reader's joining its group)
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));
      // the outbox row was written and is completed (deleted) without a second send: a copy
      // would have been acknowledged before the row was completed, so the topic holds one
      await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(jdbc, event) == 0);
      assertThat(reader.eventIds()).filteredOn(event.eventId().toString()::equals).hasSize(1);
    }
  }

  @Test
  void aDirectSendCarriesTheTraceContextOfTheSpanThatPublishedIt() {
    var event = revoked("user-urgent-traced");
    try (var reader = new TopicReader(Topics.TOKEN)) {
      Span request = tracer.nextSpan().name("a request").start();
      try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
        transactions.executeWithoutResult(status -> urgentEvents.publish(event));
      } finally {
        request.end();
      }

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> reader.eventIds().contains(event.eventId().toString()));
      String traceparent = reader.header(event.eventId().toString(), "traceparent");
      // the producer of the direct path has no span of its own: the consumer continues the request
      assertThat(traceparent)
          .startsWith("00-" + request.context().traceId() + "-" + request.context().spanId());
    }
  }

  @Test
  void theUrgentEventsOfOneTransactionLeaveTogetherInTheirOrderOnceEach() {
    var first = revoked("user-urgent-pair");
    var second = revoked("user-urgent-pair");
    try (var reader = new TopicReader(Topics.TOKEN)) {
      transactions.executeWithoutResult(
          status -> {
            urgentEvents.publish(first);
            urgentEvents.publish(second);
          });

      List<String> ids = List.of(first.eventId().toString(), second.eventId().toString());
      await().atMost(Duration.ofSeconds(5)).until(() -> reader.eventIds().containsAll(ids));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> outboxRows(jdbc, first) + outboxRows(jdbc, second) == 0);
      assertThat(reader.eventIds()).filteredOn(ids::contains).containsExactlyElementsOf(ids);
    }
  }

  @Test
  void aNestedNewTransactionSendsItsOwnEventsWhenItCommits() {
    var outer = revoked("user-urgent-outer");
    var inner = revoked("user-urgent-inner");
    var requiresNew = new TransactionTemplate(transactionManager);
    requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    try (var reader = new TopicReader(Topics.TOKEN)) {
      transactions.executeWithoutResult(
          status -> {
            urgentEvents.publish(outer);
            requiresNew.executeWithoutResult(nested -> urgentEvents.publish(inner));
            // the inner transaction has committed and sent its event; the outer one has not
            await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> reader.eventIds().contains(inner.eventId().toString()));
            assertThat(reader.eventIds()).doesNotContain(outer.eventId().toString());
          });

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> reader.eventIds().contains(outer.eventId().toString()));
      // each sent once, by the direct path of its own transaction (had the inner event waited for
      // the outer commit, the outbox would have sent it first, and the direct path again)
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> outboxRows(jdbc, outer) + outboxRows(jdbc, inner) == 0);
      List<String> ids = List.of(inner.eventId().toString(), outer.eventId().toString());
      assertThat(reader.eventIds()).filteredOn(ids::contains).containsExactlyElementsOf(ids);
    }
  }

  @Test
  void aRolledBackUrgentEventIsNeverSent() {
    var event = revoked("user-urgent-rolled-back");
    try (var reader = new TopicReader(Topics.TOKEN)) {
      transactions.executeWithoutResult(
          status -> {
            urgentEvents.publish(event);
            status.setRollbackOnly();
          });

      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !reader.eventIds().contains(event.eventId().toString()));
    }
  }

  @Test
  void outsideATransactionItRefuses() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> urgentEvents.publish(revoked("user-no-transaction")))
        .isInstanceOf(IllegalStateException.class);
  }

  /** The event's row in the outbox. */
  static long outboxRows(JdbcClient jdbc, TokenRevoked event) {
    return jdbc.sql("select count(*) from outbox_event where id = ?")
        .param(event.eventId())
        .query(Long.class)
        .single();
  }

  static TokenRevoked revoked(String user) {
    Instant now = Instant.now();
    return new TokenRevoked(UUID.randomUUID(), now, user, UUID.randomUUID().toString(), now);
  }
}
