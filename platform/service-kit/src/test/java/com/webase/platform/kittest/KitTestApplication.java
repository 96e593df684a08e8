package com.webase.platform.kittest;

import com.webase.events.Topics;
import com.webase.events.account.ProfileUpdated;
import com.webase.platform.events.EventInbox;
import com.webase.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service built on the kit, the way a real one is: the kit's tests drive it. */
@SpringBootApplication
public class KitTestApplication {

  /** Renames in a transaction that publishes {@link ProfileUpdated} through the outbox. */
  @Service
  public static class Renaming {
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    Renaming(ApplicationEventPublisher events, JdbcClient jdbc) {
      this.events = events;
      this.jdbc = jdbc;
    }

    @Transactional
    public ProfileUpdated rename(String accountId, String name, boolean failAfterPublishing) {
      ProfileUpdated event = new ProfileUpdated(UUID.randomUUID(), Instant.now(), accountId, name);
      jdbc.sql("select 1").query().singleValue();
      events.publishEvent(event);
      if (failAfterPublishing) {
        throw new IllegalStateException("rolled back on purpose");
      }
      return event;
    }

    /** Several changes in one transaction, published in this order. */
    @Transactional
    public java.util.List<ProfileUpdated> renameSeveralTimes(String accountId, int times) {
      java.util.List<ProfileUpdated> published = new java.util.ArrayList<>();
      for (int i = 0; i < times; i++) {
        ProfileUpdated event =
            new ProfileUpdated(UUID.randomUUID(), Instant.now(), accountId, "name " + i);
        events.publishEvent(event);
        published.add(event);
      }
      return published;
    }
  }

  /** Applies account events once each; a name of "fail" makes the handler throw. */
  @Service
  public static class ProfileProjection {
    private final EventInbox inbox;
    private final JdbcClient jdbc;

    ProfileProjection(EventInbox inbox, JdbcClient jdbc) {
      this.inbox = inbox;
      this.jdbc = jdbc;
    }

    @KafkaListener(topics = Topics.ACCOUNT, groupId = "kit-test")
    void on(ConsumerRecord<String, byte[]> record) {
      inbox.handle(
          record,
          (event, envelope) -> {
            if (event instanceof ProfileUpdated updated) {
              if ("fail".equals(updated.name())) {
                throw new IllegalStateException("this handler cannot apply " + envelope.id());
              }
              jdbc.sql("insert into kit_effect (event_id, name) values (?, ?)")
                  .params(envelope.id(), updated.name())
                  .update();
            }
          });
    }
  }

  /**
   * Applies account events in two steps: a preparation outside any transaction (counted per event),
   * then the effect with the event recorded.
   */
  @Service
  public static class PreparedProjection {
    static final java.util.Map<String, Integer> preparations =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final EventInbox inbox;
    private final JdbcClient jdbc;

    PreparedProjection(EventInbox inbox, JdbcClient jdbc) {
      this.inbox = inbox;
      this.jdbc = jdbc;
    }

    // off in the outbox benchmark: a second consumer doing a transaction per event would be
    // measured there, not the outbox
    @KafkaListener(
        topics = Topics.ACCOUNT,
        groupId = "kit-test-prepared",
        autoStartup = "${kit-test.prepared-projection:true}")
    void on(ConsumerRecord<String, byte[]> record) {
      if (!inbox.carries(record, ProfileUpdated.class)) {
        return;
      }
      inbox.handle(
          record,
          new com.webase.platform.events.PreparedEventHandler<Boolean>() {
            @Override
            public Boolean prepare(
                com.webase.events.WebaseEvent event, com.webase.events.EventEnvelope envelope) {
              preparations.merge(envelope.id(), 1, Integer::sum);
              return org.springframework.transaction.support.TransactionSynchronizationManager
                  .isActualTransactionActive();
            }

            @Override
            public void apply(
                com.webase.events.WebaseEvent event,
                com.webase.events.EventEnvelope envelope,
                Boolean inTransaction) {
              jdbc.sql(
                      "insert into kit_prepared_effect (event_id, prepared_in_transaction,"
                          + " preparations) values (?, ?, ?)")
                  .params(envelope.id(), inTransaction, preparations.get(envelope.id()))
                  .update();
            }
          });
    }
  }

  record Greeting(@NotBlank @Size(max = 20) String name, int times) {}

  record NewWidget(@NotBlank @Size(max = 20) String name) {}

  record Widget(UUID id, String name, String secret) {}

  /**
   * Creates a widget per request that does the work, as a real create does. Name {@code fail}
   * answers 500 after writing nothing; {@code slow} waits for {@link #slowGate} first.
   */
  @RestController
  static class Widgets {
    static volatile java.util.concurrent.CountDownLatch slowGate =
        new java.util.concurrent.CountDownLatch(0);

    private final JdbcClient jdbc;

    Widgets(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    @PostMapping("/api/v1/widgets")
    org.springframework.http.ResponseEntity<Widget> create(
        Caller caller, @Valid @RequestBody NewWidget widget) throws InterruptedException {
      if (widget.name().equals("fail")) {
        throw new IllegalStateException("failed on purpose");
      }
      if (widget.name().equals("slow")) {
        slowGate.await(20, java.util.concurrent.TimeUnit.SECONDS);
      }
      var created = new Widget(UUID.randomUUID(), widget.name(), "wbt_" + UUID.randomUUID());
      jdbc.sql("insert into kit_widget (id, owner, name, secret) values (?, ?, ?, ?)")
          .params(created.id(), caller.userId(), created.name(), created.secret())
          .update();
      return org.springframework.http.ResponseEntity.created(
              java.net.URI.create("/api/v1/widgets/" + created.id()))
          .body(created);
    }
  }

  @RestController
  static class Endpoints {
    @GetMapping("/api/v1/whoami")
    Caller whoami(Caller caller) {
      return caller;
    }

    @PostMapping("/api/v1/greetings")
    Greeting greet(@Valid @RequestBody Greeting greeting) {
      return greeting;
    }
  }
}
