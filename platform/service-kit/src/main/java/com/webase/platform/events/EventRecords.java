package com.webase.platform.events;

import com.webase.events.EventCodec;
import com.webase.events.WebaseEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one Kafka record of an event, sent alike by the outbox and by {@link UrgentEvents}: to the
 * event's topic, keyed by its subject, its CloudEvents attributes as headers and its JSON as the
 * value.
 */
final class EventRecords {

  private EventRecords() {}

  static ProducerRecord<String, byte[]> of(EventCodec codec, WebaseEvent event) {
    var record =
        new ProducerRecord<String, byte[]>(
            codec.catalog().of(event.getClass()).topic(), event.subject(), codec.data(event));
    // raw bytes: Spring Kafka would JSON-quote String header values
    codec
        .envelopeOf(event)
        .toHeaders()
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }
}
