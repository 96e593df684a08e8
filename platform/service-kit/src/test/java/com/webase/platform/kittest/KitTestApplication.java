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

  record Greeting(@NotBlank @Size(max = 20) String name, int times) {}

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
