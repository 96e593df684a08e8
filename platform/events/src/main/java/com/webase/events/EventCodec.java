package com.webase.events;

import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into CloudEvents envelope + JSON data and back.
 *
 * <p>Unknown JSON properties are ignored on reading: adding a field to an event is a compatible
 * change that keeps its schema version; removing or changing the meaning of one needs a new
 * version. Thread-safe.
 */
public final class EventCodec {

  private final EventCatalog catalog;
  private final JsonMapper json;

  public EventCodec(EventCatalog catalog) {
    this.catalog = catalog;
    this.json =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
  }

  public EventCodec() {
    this(EventCatalog.platform());
  }

  public EventCatalog catalog() {
    return catalog;
  }

  public EventEnvelope envelopeOf(WebaseEvent event) {
    return EventEnvelope.of(event, catalog.of(event.getClass()));
  }

  public byte[] data(WebaseEvent event) {
    return json.writeValueAsBytes(event);
  }

  /**
   * Reads an event from its headers and data.
   *
   * @throws MalformedEventException when the headers or the data cannot be read as the declared
   *     type
   */
  public DecodedEvent decode(Function<String, String> headers, byte[] data) {
    EventEnvelope envelope = EventEnvelope.fromHeaders(headers);
    var descriptor = catalog.byType(envelope.type());
    if (descriptor.isEmpty()) {
      return new DecodedEvent.UnknownType(envelope);
    }
    if (envelope.schemaVersion() > descriptor.get().schemaVersion()) {
      return new DecodedEvent.NewerSchemaVersion(envelope, descriptor.get().schemaVersion());
    }
    if (data == null || data.length == 0) {
      throw new MalformedEventException("event " + envelope.id() + " has no data");
    }
    try {
      WebaseEvent event = json.readValue(data, descriptor.get().javaType());
      if (event.eventId() == null || !event.eventId().toString().equals(envelope.id())) {
        throw new MalformedEventException(
            "event " + envelope.id() + " carries data of another event: " + event.eventId());
      }
      return new DecodedEvent.Known(envelope, event);
    } catch (JacksonException e) {
      throw new MalformedEventException(
          "event " + envelope.id() + " is not a readable " + envelope.type(), e);
    }
  }
}
