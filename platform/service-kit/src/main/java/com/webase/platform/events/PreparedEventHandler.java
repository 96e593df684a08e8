package com.webase.platform.events;

import com.webase.events.EventEnvelope;
import com.webase.events.WebaseEvent;

/**
 * A consumer whose work includes something slow that must not hold a database transaction open — a
 * call to another system, a long computation: {@link #prepare} runs first, outside any transaction;
 * {@link #apply} then records the result in the transaction that marks the event processed. A
 * redelivered event that was applied is skipped before {@code prepare}; one whose {@code prepare}
 * ran but whose {@code apply} never committed is prepared again.
 *
 * @param <T> what preparing produced
 */
public interface PreparedEventHandler<T> {

  T prepare(WebaseEvent event, EventEnvelope envelope);

  void apply(WebaseEvent event, EventEnvelope envelope, T prepared);
}
