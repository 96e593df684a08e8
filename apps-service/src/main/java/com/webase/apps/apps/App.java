package com.webase.apps.apps;

import java.time.Instant;
import java.util.UUID;

/**
 * An application as its owner sees it.
 *
 * @param slug derived from the name, unique among the owner's apps; follows renames
 * @param siteName the app's address on the sites origin, unique across the platform; fixed at
 *     creation so that a rename never breaks a published link
 * @param revision the current revision of its files (0 before the first file)
 */
public record App(
    UUID id,
    String ownerId,
    String name,
    String description,
    String slug,
    String siteName,
    int revision,
    Instant createdAt,
    Instant updatedAt) {}
