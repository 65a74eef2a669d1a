package io.ormcalc.execution;

import static io.ormcalc.support.JobRows.aQueuedJob;
import static io.ormcalc.support.Jobs.JOBS;
import static io.ormcalc.support.Jobs.awaitStatus;
import static io.ormcalc.support.Jobs.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pausing dispatch of a model or a tenant: queued jobs stay queued (jobs are still accepted),
 * resuming starts them at once; every change is audited and shown in the statistics.
 */
@QuarkusTest
class DispatchPauseQuarkusTest {

  static final String PAUSES = JOBS + "/queue/pauses";

  @Inject Database db;

  @Test
  void a_paused_model_is_not_dispatched_until_resumed_and_both_are_audited() {
    JsonPath paused =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("reason", "quarter-end freeze"))
            .put(PAUSES + "/model/bia")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(paused.getString("scope")).isEqualTo("model");
    assertThat(paused.getString("value")).isEqualTo("bia");
    assertThat(paused.getString("reason")).isEqualTo("quarter-end freeze");
    assertThat(paused.getString("paused_at")).isNotBlank();
    try {
      Map<String, Object> bia = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
      bia.put("execution_mode", "async");
      String queued = create(bia, 202);
      Map<String, Object> auto =
          CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
      String turnedAsync = create(auto, 202); // auto would have run at once: queued instead
      Map<String, Object> sync =
          CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
      sync.put("execution_mode", "sync");
      given()
          .contentType(ContentType.JSON)
          .body(sync)
          .post(JOBS)
          .then()
          .statusCode(503)
          .header("Retry-After", "60")
          .body("error_code", equalTo("DISPATCH_PAUSED"));
      Map<String, Object> sma =
          CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity());
      sma.put("execution_mode", "async");
      awaitStatus(create(sma, 202), "completed"); // other models go on

      pause(1500); // several claims (a poll every 200 ms)
      assertThat(Jobs.status(queued)).isEqualTo("queued");
      assertThat(Jobs.status(turnedAsync)).isEqualTo("queued");
      given()
          .get(JOBS + "/queue/statistics")
          .then()
          .statusCode(200)
          .body("paused_dispatch[0].value", equalTo("bia"));
      given().get(PAUSES).then().statusCode(200).body("pauses[0].scope", equalTo("model"));

      given().delete(PAUSES + "/model/bia").then().statusCode(204);
      awaitStatus(queued, "completed");
      awaitStatus(turnedAsync, "completed");
    } finally {
      given().delete(PAUSES + "/model/bia");
    }
    assertThat(
            db.rows(
                "select event_type, actor, details ->> 'reason' as reason from job_event"
                    + " where event_type like 'dispatch_%' and details ->> 'value' = 'bia'"
                    + " order by id"))
        .extracting(r -> r.get("event_type") + " " + r.get("reason"))
        .containsExactly(
            "dispatch_paused quarter-end freeze", "dispatch_resumed quarter-end freeze");
    given()
        .delete(PAUSES + "/model/bia")
        .then()
        .statusCode(404)
        .body("error_code", equalTo("NOT_PAUSED"));
  }

  @Test
  void a_paused_tenant_is_not_dispatched_while_other_tenants_are() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put(PAUSES + "/tenant/frozen")
        .then()
        .statusCode(200);
    try {
      String frozen = aQueuedJob().forTenant("frozen").insert(db);
      String other = aQueuedJob().forTenant("thawed").insert(db);
      awaitStatus(other, "completed");
      pause(1000);
      assertThat(db.row("select status from job where id = ?", frozen).get("status"))
          .isEqualTo("queued");

      given().delete(PAUSES + "/tenant/frozen").then().statusCode(204);
      awaitStatus(frozen, "completed");
    } finally {
      given().delete(PAUSES + "/tenant/frozen");
    }
  }

  @Test
  void pausing_something_unknown_is_a_clear_400() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put(PAUSES + "/queue/x")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("scope"));
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put(PAUSES + "/model/var")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("value"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "x".repeat(501)))
        .put(PAUSES + "/tenant/bank-a")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("reason"));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
