package com.webase.notification.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the record of mails that were sent or given up more than {@code keepFor} ago: the table
 * holds people's addresses, and nothing needs them after that. Pending mails are never deleted. In
 * batches, each its own statement, so no long transaction holds the table.
 */
@Component
class EmailRetention {

  private static final Logger log = LoggerFactory.getLogger(EmailRetention.class);
  private static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final MailProperties properties;
  private final Clock clock;

  EmailRetention(JdbcClient jdbc, MailProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Deletes every settled mail older than the retention.
   *
   * @return how many
   */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
  int deleteOld() {
    Instant before = clock.instant().minus(properties.keepFor());
    int total = 0;
    int deleted;
    do {
      deleted =
          jdbc.sql(
                  """
                  delete from email where id in (
                    select id from email where status <> 'pending' and created_at < ? limit ?)
                  """)
              .params(Timestamp.from(before), BATCH)
              .update();
      total += deleted;
    } while (deleted == BATCH);
    if (total > 0) {
      log.info("deleted {} mail records older than {}", total, properties.keepFor());
    }
    return total;
  }
}
