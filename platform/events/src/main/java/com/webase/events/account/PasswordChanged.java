package com.webase.events.account;

import java.time.Instant;
import java.util.UUID;

/** The password was changed by its owner; a security notice goes out. */
public record PasswordChanged(UUID eventId, Instant occurredAt, String accountId, String email)
    implements AccountEvent {}
