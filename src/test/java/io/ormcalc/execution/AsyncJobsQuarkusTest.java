package io.ormcalc.execution;

import static io.ormcalc.support.Jobs.JOBS;
import static io.ormcalc.support.Jobs.awaitStatus;
import static io.ormcalc.support.Jobs.create;
import static io.ormcalc.support.Jobs.script;
import static io.ormcalc.support.Jobs.scripted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.Jobs;
import io.ormcalc.support.Scripts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AsyncJobsQuarkusTest {

  @Inject Database db;
  @Inject Dispatcher dispatcher;

  @AfterEach
  void releaseEverything() {
    Scripts.openAll();
    await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.activeJobs() == 0);
  }

  /**
   * Fills every slot of the dispatcher with jobs waiting on gates {@code gate-0} to {@code gate-4}.
   */
  private void saturate(String gate) {
    for (int i = 0; i < 5; i++) {
      create(scripted("async", "urgent", script(gate + "-" + i, "await_gate", true)), 202);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.activeJobs() == 5);
  }

  @Test
  void an_async_job_is_answered_202_with_its_location_and_completes_in_the_background() {
    Map<String, Object> body = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
    body.put("execution_mode", "async");
    ExtractableResponse<Response> accepted =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post(JOBS)
            .then()
            .statusCode(202)
            .extract();
    String jobId = accepted.path("job_id");

    assertThat(accepted.header("Location")).endsWith(JOBS + "/" + jobId);
    assertThat((String) accepted.path("execution_mode")).isEqualTo("async");
    assertThat((String) accepted.path("links.status")).isEqualTo(JOBS + "/" + jobId + "/status");
    JsonPath done = awaitStatus(jobId, "completed");
    assertThat(done.getFloat("result.capital_charge")).isEqualTo(27f);
    assertThat(done.getInt("attempts")).isEqualTo(1);
    assertThat(db.rows("select event_type from job_event where job_id = ? order by id", jobId))
        .extracting(r -> r.get("event_type"))
        .containsExactly("created", "started", "completed");
  }

  @Test
  void auto_mode_runs_a_closed_form_model_synchronously_and_reports_its_estimate() {
    given()
        .contentType(ContentType.JSON)
        .body(CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity()))
        .post(JOBS)
        .then()
        .statusCode(201)
        .body("execution_mode", equalTo("sync"))
        .body("estimated_duration_seconds", equalTo(0.01f));
  }

  @Test
  void a_synchronous_request_outliving_the_threshold_is_answered_202_and_the_job_goes_on() {
    String jobId = create(scripted("sync", null, script("slow-sync", "sleep_ms", 3500)), 202);

    assertThat(Jobs.get(jobId).getString("execution_mode")).isEqualTo("async");
    awaitStatus(jobId, "completed");
    assertThat(db.rows("select event_type from job_event where job_id = ? order by id", jobId))
        .extracting(r -> r.get("event_type"))
        .containsExactly("created", "started", "continued_async", "completed");
  }

  @Test
  void priorities_are_served_urgent_to_low_and_first_in_first_out_within_a_priority() {
    saturate("prio-block");
    List<String> ids = new ArrayList<>();
    for (String name :
        List.of("prio-low", "prio-normal-1", "prio-high", "prio-normal-2", "prio-urgent")) {
      String priority = name.replace("prio-", "").replaceAll("-\\d", "");
      ids.add(create(scripted("async", priority, script(name, "sleep_ms", 20)), 202));
    }

    Scripts.open("prio-block-0"); // one slot frees: the queued jobs pass through it one by one
    ids.forEach(id -> awaitStatus(id, "completed"));

    assertThat(Scripts.startedWithPrefix("prio-").stream().filter(n -> !n.startsWith("prio-block")))
        .containsExactly("prio-urgent", "prio-high", "prio-normal-1", "prio-normal-2", "prio-low");
  }

  @Test
  void less_urgent_jobs_holding_every_slot_never_keep_a_more_urgent_job_from_starting() {
    for (int i = 0; i < 5; i++) {
      create(scripted("async", "low", script("low-hold-" + i, "await_gate", true)), 202);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.activeJobs() == 5);
    String anotherLow =
        create(scripted("async", "low", script("low-hold-5", "await_gate", true)), 202);
    String urgent = create(scripted("async", "urgent", script("urgent-past-low")), 202);

    awaitStatus(urgent, "completed");
    assertThat(Jobs.status(anotherLow))
        .as("max-concurrent-jobs still bounds the jobs of each priority")
        .isEqualTo("queued");
    for (int i = 0; i <= 5; i++) {
      Scripts.open("low-hold-" + i);
    }
    awaitStatus(anotherLow, "completed");
  }

  @Test
  void no_more_than_max_concurrent_jobs_run_at_once() {
    Scripts.resetMaxRunning();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(create(scripted("async", null, script("conc-" + i, "sleep_ms", 250)), 202));
    }
    ids.forEach(id -> awaitStatus(id, "completed"));

    assertThat(Scripts.maxRunning()).isEqualTo(5);
  }

  @Test
  void a_transient_failure_is_retried_with_backoff_and_then_succeeds() {
    String jobId = create(scripted("async", null, script("retry-ok", "fail_times", 2)), 202);

    JsonPath done = awaitStatus(jobId, "completed");
    assertThat(done.getInt("attempts")).isEqualTo(3);
    assertThat(done.getList("attempt_errors.error_code")).containsExactly("IO_ERROR", "IO_ERROR");
    assertThat(done.getList("attempt_errors.attempt")).containsExactly(1, 2);
    List<Map<String, Object>> events =
        db.rows(
            "select event_type, occurred_at from job_event where job_id = ? order by id", jobId);
    assertThat(events)
        .extracting(e -> e.get("event_type"))
        .containsExactly(
            "created",
            "started",
            "retry_scheduled",
            "started",
            "retry_scheduled",
            "started",
            "completed");
    // each retry waited at least half its nominal backoff (200 ms, then 400 ms)
    assertThat(gap(events.get(2), events.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(gap(events.get(4), events.get(5))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void a_transient_failure_that_persists_fails_the_job_when_its_attempts_are_spent() {
    String jobId = create(scripted("async", null, script("retry-spent", "fail_times", 99)), 202);

    JsonPath failed = awaitStatus(jobId, "failed");
    assertThat(failed.getInt("attempts")).isEqualTo(3);
    assertThat(failed.getString("error.error_code")).isEqualTo("IO_ERROR");
    assertThat(failed.getBoolean("error.retryable")).isTrue();
    assertThat(failed.getList("attempt_errors")).hasSize(3);
    assertThat(Scripts.attempts("retry-spent")).isEqualTo(3);
  }

  @Test
  void a_calculation_error_fails_at_once_without_retry() {
    String jobId =
        create(scripted("async", null, script("no-retry", "fail_permanently", true)), 202);

    JsonPath failed = awaitStatus(jobId, "failed");
    assertThat(failed.getInt("attempts")).isEqualTo(1);
    assertThat(failed.getString("error.error_code")).isEqualTo("SCRIPTED_FAILURE");
    assertThat(failed.getBoolean("error.retryable")).isFalse();
  }

  @Test
  void a_deterministic_calculation_over_its_time_limit_fails_at_once_and_says_why() {
    Map<String, Object> body = scripted("async", null, script("too-slow", "sleep_ms", 10_000));
    body.put("model_name", "asa"); // asa's limit is 500 ms in the test profile

    JsonPath failed = awaitStatus(create(body, 202), "failed");
    assertThat(failed.getString("error.error_code")).isEqualTo("TIMEOUT");
    assertThat(failed.getBoolean("error.retryable")).isFalse();
    assertThat(failed.getString("error.message"))
        .contains("time limit of asa (PT0.5S", "counted from the attempt's start", "deterministic");
    assertThat(failed.getInt("attempts")).isEqualTo(1);
  }

  @Test
  void a_calculation_that_is_not_deterministic_is_retried_after_a_timeout() {
    Map<String, Object> script = script("too-slow-random", "sleep_ms", 10_000);
    script.put("deterministic", false);
    Map<String, Object> body = scripted("async", null, script);
    body.put("model_name", "asa");

    JsonPath failed = awaitStatus(create(body, 202), "failed");
    assertThat(failed.getString("error.error_code")).isEqualTo("TIMEOUT");
    assertThat(failed.getList("attempt_errors.error_code")).containsOnly("TIMEOUT");
    assertThat(failed.getInt("attempts")).isEqualTo(3);
  }

  @Test
  void an_attempt_that_runs_out_of_stack_fails_for_good_and_the_replica_goes_on() {
    String exhausted = create(scripted("async", null, script("deep", "exhaust", "stack")), 202);

    JsonPath failed = awaitStatus(exhausted, "failed");
    assertThat(failed.getString("error.error_code")).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(failed.getBoolean("error.retryable")).isFalse();
    assertThat(failed.getInt("attempts")).isEqualTo(1);
    awaitStatus(create(scripted("async", null, script("after-deep")), 202), "completed");
  }

  @Test
  void cancelling_a_queued_job_cancels_it_at_once_and_it_never_runs() {
    saturate("cancel-q-block");
    String jobId = create(scripted("async", "low", script("cancel-queued")), 202);

    given().delete(JOBS + "/" + jobId).then().statusCode(202).body("status", equalTo("cancelled"));
    Scripts.openAll();
    await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.activeJobs() == 0);

    assertThat(Jobs.status(jobId)).isEqualTo("cancelled");
    assertThat(Scripts.attempts("cancel-queued")).isZero();
  }

  @Test
  void cancelling_a_running_job_stops_its_calculation_and_discards_its_work() {
    String jobId =
        create(scripted("async", null, script("cancel-running", "await_gate", true)), 202);
    awaitStatus(jobId, "running");

    given()
        .delete(JOBS + "/" + jobId)
        .then()
        .statusCode(202)
        .body("status", equalTo("running"))
        .body("cancel_requested", equalTo(true));
    JsonPath cancelled = awaitStatus(jobId, "cancelled");

    assertThat(cancelled.getString("result")).isNull();
    assertThat(cancelled.getString("completed_at")).isNotNull();
    assertThat(db.rows("select event_type from job_event where job_id = ? order by id", jobId))
        .extracting(r -> r.get("event_type"))
        .containsExactly("created", "started", "cancel_requested", "cancelled");
  }

  @Test
  void a_finished_job_cannot_be_cancelled_and_an_unknown_one_is_not_found() {
    String jobId = create(CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity()), 201);

    given()
        .delete(JOBS + "/" + jobId)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("error_code", equalTo("JOB_NOT_CANCELLABLE"));
    given()
        .delete(JOBS + "/job_0000000000000000000000000a")
        .then()
        .statusCode(404)
        .body("error_code", equalTo("JOB_NOT_FOUND"));
  }

  @Test
  void progress_reported_by_a_running_calculation_is_readable_from_the_status() {
    String jobId = create(scripted("async", null, script("progress", "sleep_ms", 3000)), 202);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              JsonPath status =
                  given().get(JOBS + "/" + jobId + "/status").then().extract().jsonPath();
              float progress = status.getFloat("progress_percentage");
              return status.getString("status").equals("running") && progress > 0 && progress < 100;
            });
    assertThat(awaitStatus(jobId, "completed").getFloat("progress_percentage")).isEqualTo(100f);
  }

  private static Duration gap(Map<String, Object> from, Map<String, Object> to) {
    return Duration.between(
        ((java.sql.Timestamp) from.get("occurred_at")).toInstant(),
        ((java.sql.Timestamp) to.get("occurred_at")).toInstant());
  }
}
