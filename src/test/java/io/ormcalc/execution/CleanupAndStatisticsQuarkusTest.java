package io.ormcalc.execution;

import static io.ormcalc.support.JobRows.aJobCompleted;
import static io.ormcalc.support.JobRows.aQueuedJob;
import static io.ormcalc.support.JobRows.aRunningJob;
import static io.ormcalc.support.Jobs.JOBS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CleanupAndStatisticsQuarkusTest {

  @Inject Database db;

  @Test
  void cleanup_purges_only_finished_jobs_older_than_the_age_and_keeps_their_audit_trail() {
    String old = aJobCompleted("48 hours").insert(db);
    String recent = aJobCompleted("1 hour").insert(db);
    String waiting = aQueuedJob().dueIn("2 days").insert(db);
    String running = aRunningJob("replica-elsewhere", 3600).insert(db);
    db.tryExecuteOrFail(
        "update job set created_at = now() - interval '30 days' where id in (?, ?)",
        waiting,
        running);

    JsonPath answer =
        given()
            .queryParam("max_age_hours", 24)
            .post(JOBS + "/cleanup")
            .then()
            .statusCode(200)
            .body("max_age_hours", equalTo(24))
            .extract()
            .jsonPath();

    assertThat(answer.getInt("jobs_cleaned")).isGreaterThanOrEqualTo(1);
    assertThat(answer.getString("message")).contains("older than 24 hour");
    assertThat(db.count("select count(*) from job where id = ?", old)).isZero();
    assertThat(db.count("select count(*) from job where id in (?, ?, ?)", recent, waiting, running))
        .isEqualTo(3);
    assertThat(db.rows("select event_type, actor from job_event where job_id = ?", old))
        .containsExactly(Map.of("event_type", "purged", "actor", "anonymous"));
    db.tryExecuteOrFail(
        "update job set status = 'cancelled', completed_at = now(), lease_owner = null,"
            + " lease_expires_at = null where id in (?, ?)",
        waiting,
        running);
  }

  @Test
  void cleanup_refuses_an_age_that_is_not_a_whole_number_of_hours_in_range() {
    given()
        .queryParam("max_age_hours", -1)
        .post(JOBS + "/cleanup")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("max_age_hours"));
    given().queryParam("max_age_hours", "soon").post(JOBS + "/cleanup").then().statusCode(400);
  }

  @Test
  void statistics_agree_with_the_job_table_by_status_and_priority() {
    Jobs.create(CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity()), 201);

    JsonPath stats =
        given().get(JOBS + "/queue/statistics").then().statusCode(200).extract().jsonPath();

    assertThat(stats.getLong("total_jobs")).isEqualTo(db.count("select count(*) from job"));
    for (String status : new String[] {"queued", "running", "completed", "failed", "cancelled"}) {
      assertThat(stats.getLong("status_breakdown." + status))
          .as(status)
          .isEqualTo(db.count("select count(*) from job where status = ?", status));
    }
    for (String priority : new String[] {"urgent", "high", "normal", "low"}) {
      assertThat(stats.getLong("priority_breakdown." + priority))
          .as(priority)
          .isEqualTo(db.count("select count(*) from job where priority = ?", priority));
    }
    assertThat(stats.getLong("completed_last_hour"))
        .isEqualTo(
            db.count(
                "select count(*) from job where status = 'completed'"
                    + " and completed_at > now() - interval '1 hour'"));
    assertThat(stats.getInt("max_concurrent_jobs")).isEqualTo(5);
    assertThat(stats.getFloat("sync_execution_threshold")).isEqualTo(2f);
    assertThat(stats.getBoolean("processor_running")).isTrue();
    assertThat(stats.getLong("queued_jobs")).isEqualTo(stats.getLong("status_breakdown.queued"));
  }
}
