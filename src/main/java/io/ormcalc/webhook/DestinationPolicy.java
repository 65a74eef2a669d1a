package io.ormcalc.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which callback URLs may be called: the guard against server-side request forgery.
 *
 * <p>A callback URL is refused unless its scheme is {@code https} ({@code http} too when allowed),
 * it carries no user information, and every address its host resolves to is public. Loopback,
 * private (RFC 1918, IPv6 unique-local), shared (RFC 6598), link-local (which holds the cloud
 * metadata endpoints, 169.254.169.254 and fd00:ec2::254), unspecified, multicast, reserved and
 * benchmarking addresses are refused, also when written as IPv4-mapped or NAT64 IPv6 addresses —
 * unless the host name or the address is on the allow-list ({@code WEBHOOK_ALLOWED_HOSTS}).
 *
 * <p>The check runs when the job is created (the client learns at once) and again before every
 * attempt, because a name's addresses can change after it was accepted (DNS rebinding).
 */
public final class DestinationPolicy {

  /** Resolves a host name; {@link InetAddress#getAllByName} outside tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final List<AddressRange> NOT_PUBLIC =
      List.of(
          AddressRange.of("0.0.0.0/8"),
          AddressRange.of("10.0.0.0/8"),
          AddressRange.of("100.64.0.0/10"),
          AddressRange.of("127.0.0.0/8"),
          AddressRange.of("169.254.0.0/16"),
          AddressRange.of("172.16.0.0/12"),
          AddressRange.of("192.0.0.0/24"),
          AddressRange.of("192.0.2.0/24"),
          AddressRange.of("192.168.0.0/16"),
          AddressRange.of("198.18.0.0/15"),
          AddressRange.of("198.51.100.0/24"),
          AddressRange.of("203.0.113.0/24"),
          AddressRange.of("224.0.0.0/3"),
          AddressRange.of("::/127"),
          AddressRange.of("64:ff9b:1::/48"),
          AddressRange.of("100::/64"),
          AddressRange.of("2001:db8::/32"),
          AddressRange.of("fc00::/7"),
          AddressRange.of("fe80::/10"),
          AddressRange.of("fec0::/10"),
          AddressRange.of("ff00::/8"));

  private static final AddressRange NAT64 = AddressRange.of("64:ff9b::/96");
  private static final AddressRange IPV4_COMPATIBLE = AddressRange.of("::/96");

  private final boolean allowHttp;
  private final List<String> allowedNames = new ArrayList<>();
  private final List<AddressRange> allowedRanges = new ArrayList<>();
  private final Resolver resolver;

  public DestinationPolicy(boolean allowHttp, List<String> allowedHosts, Resolver resolver) {
    this.allowHttp = allowHttp;
    this.resolver = resolver;
    for (String entry : allowedHosts) {
      if (entry.isBlank()) {
        continue;
      }
      AddressRange range = AddressRange.parse(entry);
      if (range != null) {
        allowedRanges.add(range);
      } else {
        allowedNames.add(entry.trim().toLowerCase(Locale.ROOT));
      }
    }
  }

  public static DestinationPolicy of(WebhookConfig config) {
    return new DestinationPolicy(
        config.allowHttp(), config.allowedHosts().orElse(List.of()), InetAddress::getAllByName);
  }

  /** Why the URL may not be called, or empty when it may. The reason names no secret. */
  public Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      return Optional.of(
          allowHttp
              ? "must be an http or https URL"
              : "must be an https URL (http is allowed only with WEBHOOK_ALLOW_HTTP)");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not contain user information (credentials)");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("must name a host");
    }
    host = host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
    if (allowedNames.contains(host)) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of("names a host that cannot be resolved: " + host);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address) && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
        return Optional.of(
            "resolves to a non-public address ("
                + address.getHostAddress()
                + "); such destinations must be listed in WEBHOOK_ALLOWED_HOSTS");
      }
    }
    return Optional.empty();
  }

  static boolean isPublic(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] bytes = address.getAddress();
      // IPv4-mapped addresses (::ffff:a.b.c.d) arrive as Inet4Address already
      if (NAT64.contains(address) || (IPV4_COMPATIBLE.contains(address) && !isZeroOrOne(bytes))) {
        return isPublic(embeddedIpv4(bytes));
      }
    }
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    return NOT_PUBLIC.stream().noneMatch(r -> r.contains(address));
  }

  private static boolean isZeroOrOne(byte[] bytes) {
    for (int i = 0; i < 15; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[15] == 0 || bytes[15] == 1;
  }

  private static InetAddress embeddedIpv4(byte[] ipv6) {
    try {
      return Inet4Address.getByAddress(new byte[] {ipv6[12], ipv6[13], ipv6[14], ipv6[15]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
