package com.webase.platform.events;

import com.webase.events.EventEnvelope;
import com.webase.events.WebaseEvent;

/**
 * What a consumer does with one event. Runs inside the transaction that records the event as
 * processed: throwing rolls both back, and the event is retried.
 */
@FunctionalInterface
public interface EventHandler {

  void handle(WebaseEvent event, EventEnvelope envelope);
}
