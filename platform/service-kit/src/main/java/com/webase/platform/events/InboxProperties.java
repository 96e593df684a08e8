package com.webase.platform.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long the {@link EventInbox} remembers the events it applied (decision 0032).
 *
 * @param keepFor how long a {@code processed_event} row is kept (14 days): longer than the topics'
 *     retention (7 days, {@code webase.topics.retention}), so an event that can still be delivered
 *     again is still recognised
 * @param pruneInterval how often older rows are deleted (1 hour)
 * @param pruneBatchSize rows deleted per statement (5,000), so that no delete holds its locks long
 */
@Validated
@ConfigurationProperties("webase.inbox")
public record InboxProperties(
    @NotNull Duration keepFor, @NotNull Duration pruneInterval, @Min(1) int pruneBatchSize) {}
