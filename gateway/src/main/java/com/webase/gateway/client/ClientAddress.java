package com.webase.gateway.client;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The address a request comes from, for every per-address decision of the gateway (failed
 * authentications, login starts) and the access log. It is the direct peer, unless the peer is a
 * configured trusted proxy: then it is the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy itself (the entries left of it were written by whoever sent the request and prove
 * nothing). With no trusted proxies configured (the default), {@code X-Forwarded-For} is ignored:
 * anyone can write that header.
 *
 * <p>Thread-safe (immutable).
 */
@Component
@EnableConfigurationProperties(ClientAddress.TrustedProxies.class)
public class ClientAddress {

  static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private final List<Cidr> trusted;

  ClientAddress(TrustedProxies properties) {
    this.trusted = properties.trustedProxies().stream().map(Cidr::parse).toList();
  }

  /** The client's address as text (e.g. {@code 203.0.113.7}), or {@code unknown}. */
  public String of(ServerHttpRequest request) {
    InetAddress client = clientOf(request);
    return client == null ? "unknown" : client.getHostAddress();
  }

  /**
   * The key of the client's per-address limits: its IPv4 address, or the /64 network of an IPv6
   * address (one subscriber usually holds a whole /64, so counting each of its addresses apart
   * would give it 2^64 allowances).
   */
  public String limitKeyOf(ServerHttpRequest request) {
    InetAddress client = clientOf(request);
    if (client == null) {
      return "unknown";
    }
    byte[] bytes = client.getAddress();
    if (bytes.length != 16) {
      return client.getHostAddress();
    }
    StringBuilder network = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
      network.append(':');
    }
    return network.append(":/64").toString();
  }

  private InetAddress clientOf(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return null;
    }
    InetAddress peer = remote.getAddress();
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> forwarded = request.getHeaders().getValuesAsList(FORWARDED_FOR);
    InetAddress client = peer;
    for (int i = forwarded.size() - 1; i >= 0 && isTrusted(client); i--) {
      InetAddress hop = literal(forwarded.get(i));
      if (hop == null) {
        // a hop that is no address: the client is the last one we could trust to have seen it
        break;
      }
      client = hop;
    }
    return client;
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr cidr : trusted) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An IP literal, never a DNS look-up; null for anything else. */
  private static InetAddress literal(String text) {
    String value = text.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    // only dotted-quad IPv4 or IPv6 (with a colon) reach getByName, which then parses and never
    // resolves a name
    boolean literal =
        IPV4.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches());
    if (!literal) {
      return null;
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An address block such as {@code 10.0.0.0/8}, {@code 192.0.2.10} or {@code fd00::/8}. */
  record Cidr(BigInteger network, int bits, int length) {

    static Cidr parse(String text) {
      String[] parts = text.strip().split("/", 2);
      InetAddress address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException(
            "webase.gateway.trusted-proxies: '" + text + "' is not an IP address or CIDR block");
      }
      int length = address.getAddress().length * 8;
      int bits = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : length;
      if (bits < 0 || bits > length) {
        throw new IllegalArgumentException(
            "webase.gateway.trusted-proxies: '" + text + "' has a bad prefix length");
      }
      return new Cidr(prefix(address, bits), bits, length);
    }

    boolean contains(InetAddress address) {
      return address.getAddress().length * 8 == length && prefix(address, bits).equals(network);
    }

    private static BigInteger prefix(InetAddress address, int bits) {
      int length = address.getAddress().length * 8;
      return new BigInteger(1, address.getAddress()).shiftRight(length - bits);
    }
  }

  /**
   * @param trustedProxies the addresses or CIDR blocks of the proxies in front of the gateway (a
   *     load balancer, an ingress); only from these is {@code X-Forwarded-For} believed. Empty by
   *     default.
   */
  @ConfigurationProperties("webase.gateway")
  @Validated
  public record TrustedProxies(List<String> trustedProxies) {
    public TrustedProxies {
      trustedProxies =
          trustedProxies == null
              ? List.of()
              : trustedProxies.stream().filter(entry -> !entry.isBlank()).toList();
    }
  }
}
