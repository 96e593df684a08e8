package com.webase.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resolves {@code *.localhost} to the loopback address in test JVMs, as browsers and curl do (RFC
 * 6761 §6.3) but this machine's resolver does not: a test reaches a live site at {@code
 * http://{site}.localhost:<gateway port>/} exactly as a person would. Every other name goes to the
 * JDK's own resolver. Registered through {@code META-INF/services}; the JDK loads it with the
 * system class loader, so it applies wherever the test kit is on the class path.
 */
public final class LocalhostSubdomains extends InetAddressResolverProvider {

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        if (host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
          return Stream.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtin.lookupByAddress(address);
      }
    };
  }

  @Override
  public String name() {
    return "webase-localhost-subdomains";
  }
}
