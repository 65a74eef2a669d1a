package io.ormcalc.security;

import static io.ormcalc.support.Jobs.JOBS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ormcalc.support.SecuredProfile;
import io.ormcalc.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A token is verified in full once, then accepted from memory until it expires; a refused token is
 * never remembered. (The profile allows 1 s of clock skew.)
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class VerifiedTokenCacheQuarkusTest {

  @Inject MeterRegistry registry;

  private double verifications(String outcome) {
    return registry
        .get("ormcalc_token_verifications")
        .tag("outcome", outcome)
        .functionCounter()
        .count();
  }

  private static int list(String authorization) {
    return given().header("Authorization", authorization).get(JOBS).statusCode();
  }

  @Test
  void a_token_is_verified_once_then_accepted_from_memory() {
    String bearer = Tokens.bearer("alice", "cache-" + System.nanoTime(), "calc:read");
    double verified = verifications("verified");
    double cached = verifications("cached");

    for (int i = 0; i < 3; i++) {
      assertThat(list(bearer)).isEqualTo(200);
    }

    assertThat(verifications("verified") - verified).isEqualTo(1);
    assertThat(verifications("cached") - cached).isEqualTo(2);
  }

  @Test
  void a_remembered_token_is_refused_once_it_has_expired() {
    String bearer =
        Tokens.bearerFor(Duration.ofSeconds(3), "alice", "cache-" + System.nanoTime(), "calc:read");
    assertThat(list(bearer)).isEqualTo(200);
    assertThat(list(bearer)).isEqualTo(200);

    await().atMost(Duration.ofSeconds(15)).until(() -> list(bearer) == 401);
  }

  @Test
  void a_refused_token_is_refused_every_time_and_never_remembered() {
    String forged =
        "Bearer " + Tokens.signedByAnotherKey("mallory", "cache-" + System.nanoTime(), "calc:read");
    double verified = verifications("verified");
    double cached = verifications("cached");

    assertThat(list(forged)).isEqualTo(401);
    assertThat(list(forged)).isEqualTo(401);

    assertThat(verifications("verified") - verified).isEqualTo(2);
    assertThat(verifications("cached") - cached).isZero();
  }
}
