package com.webase.notification.recipients;

/** Where and how to address a person: their current verified email and display name. */
public record Recipient(String accountId, String email, String name) {}
