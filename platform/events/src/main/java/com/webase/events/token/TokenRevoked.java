package com.webase.events.token;

import java.time.Instant;
import java.util.UUID;

/** A token stops working at {@code effectiveAt}; every gateway evicts it from its cache. */
public record TokenRevoked(
    UUID eventId, Instant occurredAt, String userId, String tokenId, Instant effectiveAt)
    implements TokenEvent {}
