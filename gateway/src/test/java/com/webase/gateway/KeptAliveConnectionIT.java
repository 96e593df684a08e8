package com.webase.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.webase.testkit.spring.WebaseServiceTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A kept-alive HTTP/1.1 connection is read again after every answer (decision record 0028).
 *
 * <p>With Reactor Netty 1.3.6 the gateway sometimes stopped reading a connection: when a request
 * that saves a session (its answer is written from a Redis callback, off the event loop) was
 * followed so quickly by the next one that Reactor Netty buffered it, and that next one was
 * answered at once (an unknown path's 404), nothing asked the connection for more, and the third
 * request waited until the client gave up — 90 s for a browser's {@code GET /session} after its
 * login in one CI run. Each case here sends that pair many times on kept-alive connections; every
 * answer must come within seconds.
 */
@WebaseServiceTest(database = false, redis = true)
class KeptAliveConnectionIT {

  static final int CONNECTIONS = 10;
  static final int PAIRS_PER_CONNECTION = 30;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void noLoginStartLimit(DynamicPropertyRegistry registry) {
    registry.add("webase.gateway.rate-limit.login-starts-per-ip.limit", () -> 1_000_000);
  }

  @ParameterizedTest
  @CsvSource({
    "/session, 200, 127.0.10",
    "/session/reauthenticate, 302, 127.0.11",
    "/oauth2/authorization/keycloak, 302, 127.0.12"
  })
  void aConnectionIsReadAgainAfterAnAnswerGivenAtOnceFollowsOneThatSavedASession(
      String savesASession, int itsStatus, String addresses) throws Exception {
    List<String> unanswered = new ArrayList<>();
    int answered = 0;
    for (int c = 1; c <= CONNECTIONS; c++) {
      // one connection per client: HttpClient keeps it alive between these sequential sends
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .localAddress(InetAddress.getByName(addresses + "." + c))
              .build();
      for (int i = 0; i < PAIRS_PER_CONNECTION; i++) {
        for (String path : List.of(savesASession, "/no-such-page")) {
          try {
            HttpResponse<String> response =
                client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                .as(path)
                .isEqualTo(path.equals(savesASession) ? itsStatus : 404);
            answered++;
          } catch (HttpTimeoutException e) {
            unanswered.add("connection " + c + ", pair " + i + ": " + path);
          }
        }
      }
    }
    assertThat(unanswered).as("requests not answered within 3 s").isEmpty();
    assertThat(answered).isEqualTo(CONNECTIONS * PAIRS_PER_CONNECTION * 2);
  }
}
