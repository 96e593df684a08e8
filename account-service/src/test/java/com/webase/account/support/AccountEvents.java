package com.webase.account.support;

import com.webase.events.EventCodec;
import com.webase.events.Topics;
import com.webase.events.WebaseEvent;
import com.webase.testkit.TopicReader;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads account-service's events back from the real Kafka topic, as a consumer would. */
public final class AccountEvents implements AutoCloseable {

  private final TopicReader reader = new TopicReader(Topics.ACCOUNT);

  /** An event read from the topic: its CloudEvents type and its data. */
  public record Seen(String type, String subject, JsonNode data) {}

  /** Every event about {@code accountId} read so far (polls once more). */
  public List<Seen> about(String accountId) {
    return reader.poll().stream()
        .filter(r -> accountId.equals(r.key()))
        .map(
            r ->
                new Seen(
                    TopicReader.header(r, "ce_type"),
                    TopicReader.header(r, "ce_subject"),
                    Api.JSON.readTree(r.value())))
        .toList();
  }

  public List<Seen> about(String accountId, String typeSuffix) {
    return about(accountId).stream().filter(s -> s.type().endsWith(typeSuffix)).toList();
  }

  @Override
  public void close() {
    reader.close();
  }

  /** The envelope headers of an event, for producing one as another service would. */
  public static Map<String, String> headersOf(WebaseEvent event) {
    return new EventCodec().envelopeOf(event).toHeaders();
  }

  public static final String TOKEN_TOPIC = Topics.TOKEN;
}
