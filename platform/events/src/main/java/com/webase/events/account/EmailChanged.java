package com.webase.events.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending address was verified and is now the login and notification address; the old address is
 * told.
 */
public record EmailChanged(
    UUID eventId, Instant occurredAt, String accountId, String oldEmail, String newEmail)
    implements AccountEvent {}
