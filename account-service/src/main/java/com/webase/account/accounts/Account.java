package com.webase.account.accounts;

import java.time.Instant;

/**
 * A Webase account as account-service keeps it.
 *
 * @param id the Keycloak user id ({@code sub})
 * @param email the verified login and notification address
 */
public record Account(
    String id,
    String email,
    boolean emailVerified,
    String name,
    Instant createdAt,
    Instant updatedAt) {}
