package com.webase.records.support;

import com.webase.events.EventCodec;
import com.webase.events.WebaseEvent;
import com.webase.testkit.RealServers;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events to the real broker as their producing service's outbox would. */
public final class Events {

  private static final EventCodec codec = new EventCodec();
  private static KafkaProducer<String, byte[]> producer;

  private Events() {}

  public static void publish(WebaseEvent event) {
    String topic = codec.catalog().of(event.getClass()).topic();
    var record = new ProducerRecord<String, byte[]>(topic, event.subject(), codec.data(event));
    codec
        .envelopeOf(event)
        .toHeaders()
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    try {
      producer().send(record).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties config = new Properties();
      config.put("bootstrap.servers", RealServers.kafka().bootstrapServers());
      producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }
}
