package com.webase.apps.evaluation;

import com.webase.apps.evaluation.checks.Report;
import java.time.Instant;
import java.util.UUID;

/**
 * A check of one revision of an app: {@code queued → running → passed | failed}, with the report
 * once finished.
 */
public record Evaluation(
    UUID id,
    UUID appId,
    int revision,
    String status,
    Report report,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt) {}
