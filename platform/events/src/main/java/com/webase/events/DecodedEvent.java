package com.webase.events;

/**
 * The outcome of reading one event from the wire. Only {@link Known} events are handled; the others
 * are skipped deliberately (logged and counted), never retried, so that a producer that is deployed
 * before its consumers cannot put them in a crash loop.
 */
public sealed interface DecodedEvent {

  EventEnvelope envelope();

  /** An event of a type and schema version this build understands. */
  record Known(EventEnvelope envelope, WebaseEvent event) implements DecodedEvent {}

  /** A type this build does not know, e.g. from a newer producer. */
  record UnknownType(EventEnvelope envelope) implements DecodedEvent {}

  /** A known type written with a newer schema version than this build understands. */
  record NewerSchemaVersion(EventEnvelope envelope, int understoodVersion)
      implements DecodedEvent {}
}
