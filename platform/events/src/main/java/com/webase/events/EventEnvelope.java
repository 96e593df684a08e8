package com.webase.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The CloudEvents 1.0 attributes of one event, carried as Kafka headers in the binary content mode
 * of the CloudEvents Kafka protocol binding ({@code ce_*} headers, {@code content-type}); the Kafka
 * record value is the event's JSON data.
 *
 * <p>{@code schemaversion} is a CloudEvents extension attribute: the version of the data's schema,
 * so that a consumer can tell a newer producer's event from one it understands.
 */
public record EventEnvelope(
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String dataContentType,
    int schemaVersion) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  public static final String HEADER_SPEC_VERSION = "ce_specversion";
  public static final String HEADER_ID = "ce_id";
  public static final String HEADER_TYPE = "ce_type";
  public static final String HEADER_SOURCE = "ce_source";
  public static final String HEADER_SUBJECT = "ce_subject";
  public static final String HEADER_TIME = "ce_time";
  public static final String HEADER_SCHEMA_VERSION = "ce_schemaversion";
  public static final String HEADER_CONTENT_TYPE = "content-type";

  /** The envelope of an event as its producer writes it. */
  public static EventEnvelope of(WebaseEvent event, EventDescriptor descriptor) {
    return new EventEnvelope(
        event.eventId().toString(),
        descriptor.type(),
        descriptor.source(),
        event.subject(),
        event.occurredAt(),
        JSON,
        descriptor.schemaVersion());
  }

  /** The same attributes with another schema version. */
  public EventEnvelope withVersion(int version) {
    return new EventEnvelope(id, type, source, subject, time, dataContentType, version);
  }

  /** The headers to put on the Kafka record, in the order CloudEvents lists the attributes. */
  public Map<String, String> toHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HEADER_SPEC_VERSION, SPEC_VERSION);
    headers.put(HEADER_ID, id);
    headers.put(HEADER_SOURCE, source);
    headers.put(HEADER_TYPE, type);
    headers.put(HEADER_SUBJECT, subject);
    headers.put(HEADER_TIME, time.toString());
    headers.put(HEADER_SCHEMA_VERSION, Integer.toString(schemaVersion));
    headers.put(HEADER_CONTENT_TYPE, dataContentType);
    return headers;
  }

  /**
   * Reads the attributes from Kafka headers.
   *
   * @param header the last value of a header, or {@code null} when absent
   * @throws MalformedEventException when a required attribute is missing or unreadable
   */
  public static EventEnvelope fromHeaders(Function<String, String> header) {
    String specVersion = required(header, HEADER_SPEC_VERSION);
    if (!SPEC_VERSION.equals(specVersion)) {
      throw new MalformedEventException("unsupported CloudEvents specversion " + specVersion);
    }
    String contentType = header.apply(HEADER_CONTENT_TYPE);
    try {
      return new EventEnvelope(
          required(header, HEADER_ID),
          required(header, HEADER_TYPE),
          required(header, HEADER_SOURCE),
          header.apply(HEADER_SUBJECT),
          Instant.parse(required(header, HEADER_TIME)),
          contentType == null ? JSON : contentType,
          Integer.parseInt(required(header, HEADER_SCHEMA_VERSION)));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new MalformedEventException("unreadable CloudEvents attribute: " + e.getMessage(), e);
    }
  }

  private static String required(Function<String, String> header, String name) {
    String value = header.apply(name);
    if (value == null || value.isBlank()) {
      throw new MalformedEventException("missing header " + name);
    }
    return value;
  }
}
