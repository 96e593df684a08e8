package com.webase.events.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A new address was asked for. It stays pending until the secret sent to it comes back. The secret
 * travels only to notification-service, which puts it in the link mailed to the new address.
 */
public record EmailChangeRequested(
    UUID eventId,
    Instant occurredAt,
    String accountId,
    String name,
    String currentEmail,
    String newEmail,
    String verificationSecret,
    Instant expiresAt)
    implements AccountEvent {}
