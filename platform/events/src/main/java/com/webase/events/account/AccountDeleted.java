package com.webase.events.account;

import java.time.Instant;
import java.util.UUID;

/** The account is gone: tokens are revoked and owned data is cleaned up. */
public record AccountDeleted(UUID eventId, Instant occurredAt, String accountId, String email)
    implements AccountEvent {}
