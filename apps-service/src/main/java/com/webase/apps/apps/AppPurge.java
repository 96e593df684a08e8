package com.webase.apps.apps;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases what deleted apps left: the app's row and, by the foreign keys, its revisions, files,
 * chat, evaluations and deployments. Deletion itself only hides them (at once, everywhere).
 */
@Component
class AppPurge {

  private static final Logger log = LoggerFactory.getLogger(AppPurge.class);

  private final AppStore store;
  private final AppsProperties properties;
  private final Clock clock;

  AppPurge(AppStore store, AppsProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${webase.apps.purge-interval:1h}", initialDelayString = "1m")
  void purge() {
    int purged = store.purgeDeletedBefore(clock.instant().minus(properties.purgeAfter()));
    if (purged > 0) {
      log.info("erased {} apps deleted more than {} ago", purged, properties.purgeAfter());
    }
  }
}
