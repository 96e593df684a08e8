package com.webase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** All four real servers in one test run, each used for what the platform uses it for. */
class RealServersTest {

  @Test
  void postgresCreatesADatabasePerServiceAndRunsSql() throws Exception {
    PostgresServer postgres = RealServers.postgres();
    postgres.createDatabase("kit_check");
    postgres.createDatabase("kit_check"); // a second service JVM asks again: no error

    try (Connection connection = postgres.connect("kit_check")) {
      var rs = connection.createStatement().executeQuery("select current_database(), version()");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("kit_check");
      assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
    }
  }

  @Test
  void kafkaDeliversWhatIsSent() {
    String bootstrap = RealServers.kafka().bootstrapServers();
    Properties producerConfig = new Properties();
    producerConfig.put("bootstrap.servers", bootstrap);
    try (var producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("kit-check", "key", "hello")).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Properties consumerConfig = new Properties();
    consumerConfig.put("bootstrap.servers", bootstrap);
    consumerConfig.put("group.id", "kit-check");
    consumerConfig.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("kit-check"));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      for (int i = 0; i < 20 && records.isEmpty(); i++) {
        records = consumer.poll(Duration.ofMillis(500));
      }
      assertThat(records).extracting(r -> r.value()).containsExactly("hello");
    }
  }

  @Test
  void smtpServerKeepsWhatItReceives() throws Exception {
    SmtpServer smtp = RealServers.smtp();
    Properties props = new Properties();
    props.put("mail.smtp.host", smtp.host());
    props.put("mail.smtp.port", Integer.toString(smtp.port()));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("kit@webase.local"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@webase.local"));
    message.setSubject("kit check");
    message.setText("hello");

    Transport.send(message);

    assertThat(smtp.receivedMessages())
        .anySatisfy(m -> assertThat(m.getSubject()).isEqualTo("kit check"));
  }

  @Test
  void keycloakIssuesATokenForTheDemoUserOfTheImportedRealm() throws Exception {
    KeycloakServer keycloak = RealServers.keycloak();
    keycloak.createDirectGrantClient("webase-test-kit");

    JsonNode tokens =
        keycloak.passwordGrant(
            "webase-test-kit", RealmSettings.DEMO_EMAIL, keycloak.realm().demoPassword());

    SignedJWT jwt = SignedJWT.parse(tokens.get("access_token").asString());
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(keycloak.issuer());
    assertThat(jwt.getJWTClaimsSet().getAudience()).contains(RealmSettings.AUDIENCE);
    assertThat(jwt.getJWTClaimsSet().getStringClaim("email")).isEqualTo(RealmSettings.DEMO_EMAIL);
    assertThat(jwt.getJWTClaimsSet().getSubject()).isNotBlank();
  }
}
