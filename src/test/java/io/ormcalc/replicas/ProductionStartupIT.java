package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service refuses to start in production when it could not check tokens or sign
 * webhooks, and says what to set.
 */
class ProductionStartupIT {

  private static String refusal(Map<String, String> overrides) throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    Map<String, String> environment = new HashMap<>(db.environment());
    environment.putAll(overrides);
    Replica replica = new Replica("refused-" + overrides.keySet().iterator().next(), environment);
    replica.start();
    try {
      assertThat(replica.awaitExit(Duration.ofSeconds(90))).as("exit code").isNotIn(-1, 0);
      return replica.log();
    } finally {
      if (replica.isAlive()) {
        replica.kill();
      }
    }
  }

  @Test
  void without_token_verification_settings_it_does_not_start() throws Exception {
    assertThat(
            refusal(
                Map.of(
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "",
                    "MP_JWT_VERIFY_ISSUER", "",
                    "MP_JWT_VERIFY_AUDIENCES", "")))
        .contains("refusing to start without token verification")
        .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION")
        .contains("MP_JWT_VERIFY_ISSUER");
  }

  @Test
  void with_authentication_switched_off_it_does_not_start() throws Exception {
    assertThat(refusal(Map.of("AUTH_ENABLED", "false")))
        .contains("AUTH_ENABLED=false is not allowed in production");
  }

  @Test
  void without_a_webhook_signing_secret_it_does_not_start() throws Exception {
    assertThat(refusal(Map.of("WEBHOOK_SIGNING_SECRET", "")))
        .contains("WEBHOOK_SIGNING_SECRET is required");
  }
}
