package com.webase.apps.files;

import java.time.Instant;

/**
 * One state of an app's files. Numbered from 1 per app; immutable once made.
 *
 * @param source what made it: {@code api} (a program or the portal) or {@code chat}
 * @param summary what changed, in words, e.g. "modified index.html, created app.js"
 */
public record Revision(
    int number, Manifest manifest, String source, String summary, Instant createdAt) {}
