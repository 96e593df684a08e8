package com.webase.events.records;

import com.webase.events.WebaseEvent;

/**
 * Events of {@code records-service}, on topic {@link com.webase.events.Topics#RECORDS}, keyed by
 * app.
 */
public sealed interface RecordsEvent extends WebaseEvent
    permits ModelCreated,
        ModelUpdated,
        ModelDeleted,
        RecordCreated,
        RecordsCreated,
        RecordUpdated,
        RecordDeleted {

  String appId();

  String ownerId();

  @Override
  default String subject() {
    return appId();
  }
}
