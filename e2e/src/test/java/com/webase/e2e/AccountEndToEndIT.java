package com.webase.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.webase.testkit.TopicReader;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account Settings as a person and a program use them, through the gateways: the profile through a
 * portal session (CSRF-protected), the verification link followed without any session, and an API
 * token that may read the profile but not change the email.
 */
class AccountEndToEndIT {

  private static final JsonMapper JSON = new JsonMapper();
  private static final String ACCOUNT_TOPIC = "webase.account.events";

  private final Platform platform = Platform.get();
  private final String a = platform.gatewayA.url();
  private final String b = platform.gatewayB.url();

  @Test
  void aPersonRenamesAndChangesTheEmailThroughTheGatewayAndAProgramMayOnlyRead() throws Exception {
    String email = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "harbour violet " + UUID.randomUUID();
    String userId = platform.keycloak.createUser(email, password, "Erin", "Endtoend");

    try (PortalSession browser = PortalSession.logIn(a, email, password)) {
      JsonNode account = browser.ok("GET", "/api/v1/account");
      assertThat(account.get("email").asString()).isEqualTo(email);
      assertThat(account.get("name").asString()).isEqualTo("Erin Endtoend");

      var forged = browser.send("PATCH", "/api/v1/account", "{\"name\":\"Forged\"}", false);
      assertThat(forged.status()).isEqualTo(403);
      var renamed = browser.write("PATCH", "/api/v1/account", "{\"name\":\"Erin Renamed\"}");
      assertThat(renamed.status()).isEqualTo(200);
      assertThat(renamed.json().get("name").asString()).isEqualTo("Erin Renamed");

      // a program with the person's API token, on the other gateway: reads, may not change email
      String token =
          browser.ok("GET", "/api/v1/tokens/default?reveal=true").get("token").asString();
      var read = Api.get(b, "/api/v1/account", token);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(read.body()).get("name").asString()).isEqualTo("Erin Renamed");
      var programChange =
          Api.send("PATCH", a, "/api/v1/account", token, "{\"email\":\"stolen@example.com\"}");
      assertThat(programChange.statusCode()).isEqualTo(403);
      assertThat(programChange.body()).contains("/problems/interactive-login-required");

      String newEmail = "e2e-new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      var requested = browser.write("PATCH", "/api/v1/account", "{\"email\":\"" + newEmail + "\"}");
      assertThat(requested.status()).isEqualTo(200);
      assertThat(requested.json().get("email").asString()).isEqualTo(email);
      assertThat(requested.json().get("pendingEmail").get("email").asString()).isEqualTo(newEmail);

      String secret = verificationSecretFor(userId);
      // the link opened on another device: no session, no token
      var verified =
          Api.send(
              "POST", a, "/api/v1/account/email/verify", null, "{\"secret\":\"" + secret + "\"}");
      assertThat(verified.statusCode()).isEqualTo(200);

      assertThat(browser.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(newEmail);
      assertThat(platform.keycloak.user(userId).get("email").asString()).isEqualTo(newEmail);
    }
    try (PortalSession withNewAddress = PortalSession.logIn(a, newEmailOf(userId), password)) {
      assertThat(withNewAddress.session().get("authenticated").asBoolean()).isTrue();
    }
  }

  @Test
  void theVerificationMailsLinkWorksThroughTheGatewayAndTheOldAddressIsToldOnce() throws Exception {
    String email = "e2e-mail-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "quilt harbour " + UUID.randomUUID();
    platform.keycloak.createUser(email, password, "Mia", "Mailer");
    String newEmail = "e2e-moved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    try (PortalSession browser = PortalSession.logIn(a, email, password)) {
      browser.ok("GET", "/api/v1/account");
      var requested = browser.write("PATCH", "/api/v1/account", "{\"email\":\"" + newEmail + "\"}");
      assertThat(requested.status()).isEqualTo(200);

      await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(newEmail).size() == 1);
      String text = textOf(mailsTo(newEmail).getFirst());
      var link =
          java.util.regex.Pattern.compile("http://\\S+/verify-email\\.html#\\S+").matcher(text);
      assertThat(link.find()).as("a verification link in:\n" + text).isTrue();
      assertThat(link.group()).startsWith(a + "/");

      // the person opens the link in a browser (another one: no session) and confirms
      try (org.htmlunit.WebClient other = new org.htmlunit.WebClient()) {
        org.htmlunit.html.HtmlPage page = other.getPage(link.group());
        page.getHtmlElementById("confirm").click();
        other.waitForBackgroundJavaScript(10_000);
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> page.getHtmlElementById("result").getTextContent().startsWith("Done"));
        assertThat(page.getHtmlElementById("result").getTextContent()).contains(newEmail);
      }

      assertThat(browser.ok("GET", "/api/v1/account").get("email").asString()).isEqualTo(newEmail);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  mailsTo(email).stream()
                      .anyMatch(m -> subjectOf(m).equals("Your Webase email address was changed")));
      // exactly one verification mail and one notice, however long we wait
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  mailsTo(newEmail).size() == 1
                      && mailsTo(email).stream()
                              .filter(m -> subjectOf(m).contains("email address was changed"))
                              .count()
                          == 1);
      String notice =
          textOf(
              mailsTo(email).stream()
                  .filter(m -> subjectOf(m).contains("email address was changed"))
                  .findFirst()
                  .orElseThrow());
      assertThat(notice).contains(newEmail).doesNotContain("verify-email.html");
    }
  }

  private static java.util.List<jakarta.mail.internet.MimeMessage> mailsTo(String address) {
    return com.webase.testkit.RealServers.smtp().receivedFor(address);
  }

  private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  private static String textOf(jakarta.mail.Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      var multipart = (jakarta.mail.Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = textOf(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  private String newEmailOf(String userId) {
    return platform.keycloak.user(userId).get("email").asString();
  }

  /** What notification-service will put in the link: read from the event, as it will. */
  private static String verificationSecretFor(String userId) {
    try (TopicReader events = new TopicReader(ACCOUNT_TOPIC)) {
      String[] secret = new String[1];
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                for (var record : events.poll()) {
                  if (userId.equals(record.key())
                      && TopicReader.header(record, "ce_type").endsWith("EmailChangeRequested")) {
                    secret[0] = JSON.readTree(record.value()).get("verificationSecret").asString();
                  }
                }
                return secret[0] != null;
              });
      return secret[0];
    }
  }
}
