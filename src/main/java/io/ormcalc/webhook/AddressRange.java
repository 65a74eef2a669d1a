package io.ormcalc.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 CIDR block, e.g. {@code 10.0.0.0/8}; a plain address is a block of one. */
record AddressRange(byte[] network, int prefix) {

  /** Parses {@code address[/prefix]} given as a literal; returns null when it is not one. */
  static AddressRange parse(String text) {
    String[] parts = text.trim().split("/", 2);
    String address = parts[0].replace("[", "").replace("]", "");
    if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return null; // a host name, not an address: never resolved here
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
    int bits = bytes.length * 8;
    int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bits;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix out of range in " + text);
    }
    return new AddressRange(bytes, prefix);
  }

  static AddressRange of(String cidr) {
    AddressRange range = parse(cidr);
    if (range == null) {
      throw new IllegalArgumentException("not a CIDR block: " + cidr);
    }
    return range;
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int whole = prefix / 8;
    if (!Arrays.equals(candidate, 0, whole, network, 0, whole)) {
      return false;
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[whole] & mask) == (network[whole] & mask);
  }
}
