package com.webase.events.token;

import java.time.Instant;
import java.util.UUID;

/**
 * The default token was replaced. {@code oldTokenValidUntil} is the end of an optional grace
 * period, or the regeneration time when the old token died at once.
 */
public record TokenRegenerated(
    UUID eventId,
    Instant occurredAt,
    String userId,
    String oldTokenId,
    String newTokenId,
    Instant oldTokenValidUntil)
    implements TokenEvent {}
