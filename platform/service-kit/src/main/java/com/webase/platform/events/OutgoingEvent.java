package com.webase.platform.events;

import com.webase.events.EventCodec;
import com.webase.events.WebaseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One event as the outbox keeps and sends it: the Kafka record — topic, key (the event's subject),
 * CloudEvents attributes as headers, JSON data — fixed when the event was published, so that a send
 * after a restart or an upgrade carries exactly the bytes first committed.
 *
 * @param committedAt when its transaction committed (null until then, and for a resend)
 */
record OutgoingEvent(
    UUID id,
    String topic,
    String key,
    Map<String, String> headers,
    byte[] payload,
    Instant committedAt) {

  /**
   * The record of {@code event}: its CloudEvents attributes as headers, followed by {@code
   * traceContext} (the publishing span's {@code traceparent}, {@link EventTracing}).
   */
  static OutgoingEvent of(EventCodec codec, WebaseEvent event, Map<String, String> traceContext) {
    Map<String, String> headers = new LinkedHashMap<>(codec.envelopeOf(event).toHeaders());
    traceContext.forEach(headers::putIfAbsent);
    return new OutgoingEvent(
        event.eventId(),
        codec.catalog().of(event.getClass()).topic(),
        event.subject(),
        headers,
        codec.data(event),
        null);
  }

  OutgoingEvent committedAt(Instant at) {
    return new OutgoingEvent(id, topic, key, headers, payload, at);
  }

  ProducerRecord<String, byte[]> record() {
    var record = new ProducerRecord<String, byte[]>(topic, key, payload);
    // raw bytes: Spring Kafka would JSON-quote String header values
    headers.forEach(
        (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }
}
