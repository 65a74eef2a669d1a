package io.ormcalc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationPolicyTest {

  /** A resolver with fixed answers: no network in unit tests. */
  static final Map<String, String> DNS =
      Map.of(
          "hooks.client.example", "93.184.216.34",
          "rebound.client.example", "10.20.30.40",
          "metadata.google.internal", "169.254.169.254",
          "v6.client.example", "2606:4700::6810:84e5",
          "nat64.client.example", "64:ff9b::a9fe:a9fe",
          "internal.bank.example", "10.1.2.3");

  static InetAddress[] resolve(String host) throws UnknownHostException {
    String address = DNS.get(host);
    if (address == null) {
      // literals resolve to themselves, as with the real resolver
      if (host.matches("[0-9.]+|.*:.*")) {
        return new InetAddress[] {InetAddress.getByName(host)};
      }
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(address)};
  }

  final DestinationPolicy production =
      new DestinationPolicy(false, List.of(), DestinationPolicyTest::resolve);

  @Test
  void public_https_destinations_are_allowed() {
    assertThat(production.refusal("https://hooks.client.example/orm")).isEmpty();
    assertThat(production.refusal("https://v6.client.example:8443/orm")).isEmpty();
    assertThat(production.refusal("https://93.184.216.34/orm")).isEmpty();
  }

  @Test
  void plain_http_needs_the_setting() {
    assertThat(production.refusal("http://hooks.client.example/orm"))
        .get()
        .asString()
        .contains("https");
    assertThat(
            new DestinationPolicy(true, List.of(), DestinationPolicyTest::resolve)
                .refusal("http://hooks.client.example/orm"))
        .isEmpty();
  }

  @Test
  void loopback_private_link_local_metadata_and_reserved_addresses_are_refused() {
    for (String url :
        List.of(
            "https://127.0.0.1/",
            "https://127.9.9.9/",
            "https://[::1]/",
            "https://0.0.0.0/",
            "https://[::]/",
            "https://10.0.0.1/",
            "https://172.16.5.4/",
            "https://192.168.0.1/",
            "https://100.64.0.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://metadata.google.internal/",
            "https://[fd00:ec2::254]/",
            "https://[fe80::1]/",
            "https://[fc00::1]/",
            "https://224.0.0.1/",
            "https://255.255.255.255/",
            "https://198.18.0.1/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:169.254.169.254]/",
            "https://nat64.client.example/",
            "https://[::127.0.0.1]/")) {
      assertThat(production.refusal(url)).as(url).get().asString().contains("non-public");
    }
  }

  @Test
  void a_public_looking_name_that_resolves_to_a_private_address_is_refused() {
    assertThat(production.refusal("https://rebound.client.example/orm"))
        .get()
        .asString()
        .contains("10.20.30.40");
  }

  @Test
  void the_allow_list_admits_named_hosts_and_cidr_blocks() {
    DestinationPolicy policy =
        new DestinationPolicy(
            false,
            List.of("internal.bank.example", "172.16.0.0/12", " 127.0.0.1 "),
            DestinationPolicyTest::resolve);

    assertThat(policy.refusal("https://internal.bank.example/orm")).isEmpty();
    assertThat(policy.refusal("https://172.20.1.1/orm")).isEmpty();
    assertThat(policy.refusal("https://127.0.0.1:8443/orm")).isEmpty();
    assertThat(policy.refusal("https://127.0.0.2/orm")).isPresent();
    assertThat(policy.refusal("https://10.1.2.3/orm")).isPresent();
  }

  @Test
  void credentials_unknown_hosts_and_other_schemes_are_refused() {
    assertThat(production.refusal("https://user:pw@hooks.client.example/"))
        .get()
        .asString()
        .contains("user information")
        .doesNotContain("pw");
    assertThat(production.refusal("https://nowhere.example/"))
        .get()
        .asString()
        .contains("resolved");
    assertThat(production.refusal("file:///etc/passwd")).isPresent();
    assertThat(production.refusal("gopher://hooks.client.example/")).isPresent();
    assertThat(production.refusal("https:///no-host")).isPresent();
    assertThat(production.refusal("not a url")).isPresent();
  }
}
