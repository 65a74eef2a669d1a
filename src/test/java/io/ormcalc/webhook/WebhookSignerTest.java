package io.ormcalc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String OTHER = "whsec_dGVzdC1vbmx5LXByZXZpb3VzLXNlY3JldC0xMjM0";

  @Test
  void signs_the_reference_libraries_example_exactly() throws Exception {
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    long timestamp = 1614265330;
    String body = "{\"test\": 2432232314}";

    String signature =
        new WebhookSigner(SigningSecret.parse(SECRET, "s"), null)
            .signature(id, timestamp, body.getBytes(StandardCharsets.UTF_8));

    assertThat(signature).isEqualTo(new Webhook(SECRET).sign(id, timestamp, body));
    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void during_a_rotation_both_secrets_sign_and_either_verifies() throws Exception {
    byte[] body =
        "{\"type\":\"calculation_job.completed\",\"data\":{\"entity_id\":\"Zürich\"}}"
            .getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    String header =
        new WebhookSigner(SigningSecret.parse(SECRET, "s"), SigningSecret.parse(OTHER, "p"))
            .signature("msg_1", now, body);
    Map<String, List<String>> headers =
        Map.of(
            "webhook-id", List.of("msg_1"),
            "webhook-timestamp", List.of(Long.toString(now)),
            "webhook-signature", List.of(header));

    assertThat(header.split(" ")).hasSize(2);
    new Webhook(SECRET).verify(new String(body, StandardCharsets.UTF_8), headers);
    new Webhook(OTHER).verify(new String(body, StandardCharsets.UTF_8), headers);
  }

  @Test
  void malformed_secrets_are_refused_without_echoing_them() {
    for (String bad :
        List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not*base64", "whsec_c2hvcnQ=")) {
      assertThatThrownBy(() -> SigningSecret.parse(bad, "WEBHOOK_SIGNING_SECRET"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WEBHOOK_SIGNING_SECRET")
          .hasMessageNotContaining(bad.substring(Math.min(6, bad.length())));
    }
    assertThat(SigningSecret.parse(SECRET, "s").toString()).doesNotContain("MfKQ");
  }
}
