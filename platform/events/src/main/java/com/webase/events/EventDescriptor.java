package com.webase.events;

/**
 * What the platform knows about one event type: its CloudEvents {@code type}, the schema version
 * this build writes and understands, the topic it travels on and the service that produces it.
 */
public record EventDescriptor(
    String type,
    int schemaVersion,
    String topic,
    String source,
    Class<? extends WebaseEvent> javaType) {}
