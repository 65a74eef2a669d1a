package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The probes mean what the manifests rely on, on the packaged service: readiness follows the
 * database (through a TCP relay the test cuts and restores), liveness does not; during the shutdown
 * delay readiness is DOWN while requests are still served.
 */
class ProbesIT {

  @Test
  void readiness_follows_the_database_and_liveness_does_not() throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    try (TcpProxy proxy = TcpProxy.inFrontOf(db)) {
      Map<String, String> environment = proxy.environmentFor(db);
      environment.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "2S");
      Replica replica = new Replica("probes-db", environment);
      replica.start();
      try {
        replica.awaitReady(Duration.ofSeconds(90));
        assertThat(replica.status("/q/health/started")).isEqualTo(200);
        assertThat(replica.status("/q/health/live")).isEqualTo(200);

        proxy.stop();
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> replica.status("/q/health/ready") == 503);
        assertThat(replica.status("/q/health/live"))
            .as("liveness ignores the database")
            .isEqualTo(200);

        proxy.start();
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> replica.status("/q/health/ready") == 200);
      } finally {
        replica.kill();
      }
    }
  }

  @Test
  void during_the_shutdown_delay_readiness_is_down_while_requests_are_still_served()
      throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    Map<String, String> environment = new HashMap<>(db.environment());
    environment.put("SHUTDOWN_DELAY", "4s");
    Replica replica = new Replica("probes-shutdown", environment);
    replica.start();
    try {
      replica.awaitReady(Duration.ofSeconds(90));
      replica.signalTerminate();
      Awaitility.await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> replica.status("/q/health/ready") == 503);
      assertThat(replica.status("/q/health/live")).isEqualTo(200);
      assertThat(replica.get("/api/v1/calculation-jobs/queue/statistics").statusCode())
          .as("still serving during the delay")
          .isEqualTo(200);
      assertThat(replica.awaitExit(Duration.ofSeconds(40))).isIn(0, 143);
    } finally {
      if (replica.isAlive()) {
        replica.kill();
      }
    }
  }
}
