package com.webase.account.identity;

/** What Keycloak knows of a user that account-service needs. */
public record IdentityUser(String id, String email, boolean emailVerified, String displayName) {}
