package com.webase.platform.events;

import com.webase.events.WebaseEvent;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves events that Spring Modulith's outbox ({@code event_publication}, used before decision 0017)
 * had not delivered into the kit's outbox, once, at start: an upgrade while the broker was down
 * loses nothing. Each event keeps its id, so a consumer that already had it skips it.
 */
class LegacyOutboxDrain {

  private static final Logger log = LoggerFactory.getLogger(LegacyOutboxDrain.class);

  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final JsonMapper json = JsonMapper.builder().build();

  LegacyOutboxDrain(JdbcTemplate jdbc, Outbox outbox, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.transactions = transactions;
  }

  private record Legacy(UUID id, String type, String json) {}

  @EventListener(ApplicationReadyEvent.class)
  void drain() {
    List<Legacy> left =
        jdbc.query(
            "select id, event_type, serialized_event from event_publication"
                + " where completion_date is null order by publication_date",
            (rs, row) ->
                new Legacy(
                    rs.getObject("id", UUID.class),
                    rs.getString("event_type"),
                    rs.getString("serialized_event")));
    for (Legacy legacy : left) {
      transactions.executeWithoutResult(
          status -> {
            try {
              Object event = json.readValue(legacy.json(), Class.forName(legacy.type()));
              if (event instanceof WebaseEvent webaseEvent) {
                outbox.onPublished(webaseEvent);
              }
            } catch (ClassNotFoundException | RuntimeException e) {
              log.error(
                  "undelivered event {} of type {} could not be read; left in event_publication",
                  legacy.id(),
                  legacy.type(),
                  e);
              return;
            }
            jdbc.update("delete from event_publication where id = ?", legacy.id());
          });
    }
    if (!left.isEmpty()) {
      log.info("moved {} undelivered events from event_publication to the outbox", left.size());
    }
  }
}
