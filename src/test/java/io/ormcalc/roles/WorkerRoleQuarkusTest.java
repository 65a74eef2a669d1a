package io.ormcalc.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ormcalc.execution.CostModel;
import io.ormcalc.support.Database;
import io.ormcalc.support.JobRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code ORMCALC_ROLE=worker}: the replica claims and runs queued jobs and serves only probes and
 * metrics — the API and the dashboard answer 404 with a problem saying why.
 */
@QuarkusTest
@TestProfile(WorkerRoleQuarkusTest.WorkerRole.class)
class WorkerRoleQuarkusTest {

  public static class WorkerRole implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ormcalc.role", "worker");
    }
  }

  @Inject Database db;
  @Inject CostModel costModel;

  @Test
  void a_worker_replica_does_not_measure_the_machine_for_estimates_it_never_makes() {
    assertThat(costModel.nanosPerUnit()).isEqualTo(CostModel.DEFAULT_NANOS_PER_UNIT);
  }

  @Test
  void a_worker_replica_runs_queued_jobs_and_serves_only_probes_and_metrics() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
    for (String path :
        new String[] {
          "/api/v1/calculation-jobs", "/api/v1/calculation-jobs/queue/statistics", "/", "/q/openapi"
        }) {
      given()
          .get(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("error_code", equalTo("NOT_SERVED_HERE"));
    }
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/calculation-jobs")
        .then()
        .statusCode(404);

    String id = JobRows.aQueuedJob().insert(db);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "completed"
                    .equals(db.row("select status from job where id = ?", id).get("status")));
    assertThat(
            db.count(
                "select count(*) from job_event where job_id = ? and event_type = 'completed'", id))
        .isEqualTo(1);
  }
}
