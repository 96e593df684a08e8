package com.webase.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webase.events.account.ProfileUpdated;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  static Stream<EventDescriptor> everyEventType() {
    return EventCatalog.platform().all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEventType")
  void everyEventTypeSurvivesTheWireUnchanged(EventDescriptor descriptor) throws Exception {
    WebaseEvent event = sample(descriptor.javaType());

    Map<String, String> headers = codec.envelopeOf(event).toHeaders();
    byte[] data = codec.data(event);
    DecodedEvent decoded = codec.decode(headers::get, data);

    assertThat(decoded).isInstanceOf(DecodedEvent.Known.class);
    assertThat(((DecodedEvent.Known) decoded).event()).isEqualTo(event);
    assertThat(decoded.envelope().type()).isEqualTo(descriptor.type());
    assertThat(decoded.envelope().subject()).isEqualTo(event.subject()).isNotBlank();
    assertThat(decoded.envelope().id()).isEqualTo(event.eventId().toString());
    assertThat(headers)
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_source", descriptor.source())
        .containsEntry("content-type", "application/json");
  }

  @Test
  void everyTopicNameIsOneOfTheFourPlatformTopics() {
    assertThat(EventCatalog.platform().all())
        .extracting(EventDescriptor::topic)
        .allMatch(
            t ->
                Stream.of(Topics.ACCOUNT, Topics.TOKEN, Topics.APPS, Topics.RECORDS)
                    .anyMatch(t::equals));
    assertThat(Topics.deadLetterTopicOf(Topics.ACCOUNT)).isEqualTo("webase.account.events.DLT");
  }

  @Test
  void anUnknownTypeIsReportedNotThrown() {
    Map<String, String> headers = headersOf(profileUpdated());
    headers.put("ce_type", "com.webase.account.SomethingFromTheFuture");

    DecodedEvent decoded = codec.decode(headers::get, codec.data(profileUpdated()));

    assertThat(decoded).isInstanceOf(DecodedEvent.UnknownType.class);
    assertThat(decoded.envelope().type()).isEqualTo("com.webase.account.SomethingFromTheFuture");
  }

  @Test
  void aNewerSchemaVersionIsReportedNotMisread() {
    ProfileUpdated event = profileUpdated();
    Map<String, String> headers = headersOf(event);
    headers.put("ce_schemaversion", "2");

    DecodedEvent decoded = codec.decode(headers::get, codec.data(event));

    assertThat(decoded)
        .isEqualTo(new DecodedEvent.NewerSchemaVersion(codec.envelopeOf(event).withVersion(2), 1));
  }

  @Test
  void addedFieldsFromACompatibleProducerAreIgnored() {
    ProfileUpdated event = profileUpdated();
    String json =
        new String(codec.data(event), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"favouriteColour\":\"teal\",");

    DecodedEvent decoded = codec.decode(headersOf(event)::get, json.getBytes());

    assertThat(((DecodedEvent.Known) decoded).event()).isEqualTo(event);
  }

  @Test
  void dataThatIsNotJsonIsMalformed() {
    Map<String, String> headers = headersOf(profileUpdated());

    assertThatThrownBy(() -> codec.decode(headers::get, "not json".getBytes()))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("is not a readable com.webase.account.ProfileUpdated");
  }

  @Test
  void dataOfAnotherEventIsMalformed() {
    Map<String, String> headers = headersOf(profileUpdated());

    assertThatThrownBy(() -> codec.decode(headers::get, codec.data(profileUpdated())))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("carries data of another event");
  }

  @Test
  void aMissingAttributeIsMalformed() {
    Map<String, String> headers = headersOf(profileUpdated());
    headers.remove("ce_id");

    assertThatThrownBy(() -> codec.decode(headers::get, codec.data(profileUpdated())))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("missing header ce_id");
  }

  private Map<String, String> headersOf(WebaseEvent event) {
    return new HashMap<>(codec.envelopeOf(event).toHeaders());
  }

  private static ProfileUpdated profileUpdated() {
    return new ProfileUpdated(UUID.randomUUID(), Instant.now(), "user-1", "Ada Lovelace");
  }

  /** An instance of an event record with every component filled, so nothing is lost unseen. */
  private static WebaseEvent sample(Class<? extends WebaseEvent> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] =
          switch (types[i].getSimpleName()) {
            case "UUID" -> UUID.randomUUID();
            case "Instant" -> Instant.now().truncatedTo(ChronoUnit.MICROS).plusSeconds(i);
            case "String" -> components[i].getName() + "-<value é \"" + i + "\">";
            case "List" -> java.util.List.of(components[i].getName() + "-1", "-2-é");
            default -> throw new IllegalStateException("add a sample for " + types[i]);
          };
    }
    return type.getDeclaredConstructor(types).newInstance(values);
  }
}
