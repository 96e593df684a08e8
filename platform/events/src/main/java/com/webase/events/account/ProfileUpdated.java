package com.webase.events.account;

import java.time.Instant;
import java.util.UUID;

/** The display name changed; effective at once everywhere. */
public record ProfileUpdated(UUID eventId, Instant occurredAt, String accountId, String name)
    implements AccountEvent {}
