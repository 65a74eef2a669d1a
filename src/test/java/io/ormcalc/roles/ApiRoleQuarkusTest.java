package io.ormcalc.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ormcalc.execution.Dispatcher;
import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ORMCALC_ROLE=api}: the replica serves the API, synchronous calculations included, is
 * ready, and never claims a queued job (workers do).
 */
@QuarkusTest
@TestProfile(ApiRoleQuarkusTest.ApiRole.class)
class ApiRoleQuarkusTest {

  public static class ApiRole implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ormcalc.role", "api", "ormcalc.execution.poll-interval", "100ms");
    }
  }

  @Inject Dispatcher dispatcher;
  @Inject Database db;

  @Test
  void an_api_replica_serves_and_calculates_synchronously_but_never_claims() throws Exception {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/started").then().statusCode(200);

    Map<String, Object> sync = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
    sync.put("execution_mode", "sync");
    assertThat(Jobs.get(Jobs.create(sync, 201)).getString("status")).isEqualTo("completed");

    Map<String, Object> async = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
    async.put("execution_mode", "async");
    String queued = Jobs.create(async, 202);
    Thread.sleep(1500); // fifteen poll intervals, and the NOTIFY of its creation
    assertThat(Jobs.status(queued)).isEqualTo("queued");
    assertThat(dispatcher.isRunning()).isFalse();
    assertThat(
            db.count(
                "select count(*) from job_event where job_id = ? and event_type = 'started'",
                queued))
        .isZero();
    // a worker would take it; this replica hands the job to none and cancels it for the next tests
    given().delete(Jobs.JOBS + "/" + queued).then().statusCode(202);
  }
}
