package com.webase.events.account;

import java.time.Instant;
import java.util.UUID;

/** An account was created just in time from the first authenticated request of a person. */
public record AccountCreated(
    UUID eventId, Instant occurredAt, String accountId, String email, String name)
    implements AccountEvent {}
