package com.webase.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

  private final ClientAddress behindProxies =
      new ClientAddress(new ClientAddress.TrustedProxies(List.of("10.0.0.0/8", "2001:db8::/32")));

  @Test
  void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
    ClientAddress direct = new ClientAddress(new ClientAddress.TrustedProxies(List.of("")));
    assertThat(direct.of(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
  }

  @Test
  void fromATrustedProxyTheClientIsTheRightMostUntrustedHop() {
    assertThat(behindProxies.of(request("10.1.1.1", "198.51.100.1, 203.0.113.9, 10.2.2.2")))
        .isEqualTo("203.0.113.9");
    assertThat(behindProxies.of(request("2001:db8::1", "198.51.100.7"))).isEqualTo("198.51.100.7");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertThat(behindProxies.of(request("11.0.0.1", "10.0.0.1"))).isEqualTo("11.0.0.1");
  }

  @Test
  void aHopThatIsNoAddressIsNeverLookedUpAndStopsTheWalk() {
    assertThat(behindProxies.of(request("10.1.1.1", "203.0.113.9, evil.example")))
        .isEqualTo("10.1.1.1");
    assertThat(behindProxies.of(request("10.1.1.1", "abc"))).isEqualTo("10.1.1.1");
  }

  @Test
  void theLimitsCountAnIpv6ClientByItsSlash64AndAnIpv4ClientByItsAddress() {
    ClientAddress direct = new ClientAddress(new ClientAddress.TrustedProxies(List.of()));
    String one = direct.limitKeyOf(request("2001:db8:1:2:aaaa::1", "198.51.100.1"));
    String other = direct.limitKeyOf(request("2001:db8:1:2:ffff:1:2:3", "198.51.100.1"));
    assertThat(one).isEqualTo("2001:db8:1:2::/64").isEqualTo(other);
    assertThat(direct.limitKeyOf(request("2001:db8:1:3::1", "198.51.100.1"))).isNotEqualTo(one);
    assertThat(direct.limitKeyOf(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
    assertThat(behindProxies.limitKeyOf(request("10.1.1.1", "2001:db8:5:6:7::9")))
        .isEqualTo("2001:db8:5:6::/64");
  }

  @Test
  void aBadTrustedProxyEntryStopsTheStart() {
    assertThatThrownBy(
            () -> new ClientAddress(new ClientAddress.TrustedProxies(List.of("proxy.example"))))
        .hasMessageContaining("proxy.example");
    assertThatThrownBy(
            () -> new ClientAddress(new ClientAddress.TrustedProxies(List.of("10.0.0.0/33"))))
        .hasMessageContaining("prefix");
  }

  private static MockServerHttpRequest request(String peer, String forwardedFor) {
    return MockServerHttpRequest.get("/")
        .remoteAddress(new InetSocketAddress(peer, 4711))
        .header("X-Forwarded-For", forwardedFor)
        .build();
  }
}
