package io.ormcalc.execution;

import static io.ormcalc.support.Jobs.JOBS;
import static io.ormcalc.support.Jobs.awaitStatus;
import static io.ormcalc.support.Jobs.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LDA model through the API: synchronous when small, asynchronous with progress when large. */
@QuarkusTest
class LdaJobsQuarkusTest {

  @Inject Database db;
  @Inject Dispatcher dispatcher;

  static Map<String, Object> lda(long simulations, String mode, double lambda) {
    return CalculationRequests.anLdaRequest(simulations, mode, lambda);
  }

  @Test
  void a_small_lda_run_is_answered_synchronously_with_every_measure_and_its_seed() {
    ExtractableResponse<Response> done =
        given()
            .contentType(ContentType.JSON)
            .body(lda(100_000, null, 10))
            .post(JOBS)
            .then()
            .statusCode(201)
            .extract();

    JsonPath job = done.jsonPath();
    assertThat(job.getString("execution_mode")).isEqualTo("sync");
    assertThat(job.getFloat("estimated_duration_seconds")).isPositive();
    assertThat(job.getLong("result.seed")).isEqualTo(7);
    assertThat(job.getLong("lineage.parameters.seed")).isEqualTo(7);
    assertThat(job.getString("lineage.rule_set")).isEqualTo("LDA");
    assertThat(job.getDouble("result.total.var"))
        .isGreaterThan(job.getDouble("result.total.expected_loss"));
    assertThat(job.getList("result.units[0].levels.confidence", Float.class))
        .contains(0.99f, 0.995f, 0.999f, 0.9995f);
    assertThat(job.getDouble("result.units[0].sla_var")).isPositive();
    assertThat(job.getDouble("result.units[0].var_standard_error")).isPositive();
    assertThat(job.getString("result.quantile_definition")).contains("ceil(a*N)");
  }

  @Test
  void a_request_whose_simulation_would_need_more_memory_than_a_job_may_use_is_refused() {
    long jobsBefore = db.count("select count(*) from job");
    // the validator's bounds allow it: 2e8 years at 0.9 keep 2e7 years of tail for each of 20
    // units, about 3.2 GB
    JsonPath problem =
        given()
            .contentType(ContentType.JSON)
            .body(CalculationRequests.anLdaRequest(200_000_000, 20, 0.9, 1))
            .post(JOBS)
            .then()
            .statusCode(422)
            .contentType("application/problem+json")
            .extract()
            .jsonPath();

    assertThat(problem.getString("error_code")).isEqualTo("MEMORY_LIMIT_EXCEEDED");
    assertThat(problem.getLong("estimated_memory_bytes")).isBetween(3_200_000_000L, 3_500_000_000L);
    assertThat(problem.getLong("memory_limit_bytes")).isEqualTo(1L << 30); // the test profile's
    assertThat(problem.getString("detail")).contains("3", "MiB", "1024.0 MiB");
    assertThat(problem.getList("errors.field")).containsExactly("inputs.simulations");
    assertThat(db.count("select count(*) from job")).isEqualTo(jobsBefore);
  }

  @Test
  void an_urgent_lda_job_overtakes_a_long_low_priority_one_that_holds_every_lda_thread() {
    Map<String, Object> longLow = lda(150_000_000, "async", 10); // some 15 s of both cores
    longLow.put("priority", "low");
    String low = create(longLow, 202);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Jobs.get(low).getFloat("progress_percentage") > 0);

    Map<String, Object> urgent = lda(300_000, "async", 10);
    urgent.put("priority", "urgent");
    awaitStatus(create(urgent, 202), "completed");

    // in the pool's old first-come order the urgent run waited for the whole low one
    assertThat(Jobs.status(low)).isEqualTo("running");
    given().delete(JOBS + "/" + low).then().statusCode(202);
    awaitStatus(low, "cancelled");
  }

  @Test
  void a_handed_back_lda_run_resumes_from_its_saved_state_to_the_uninterrupted_result() {
    // seconds of both cores, so that it is still running when handed back: progress is written
    // once a second, the run is further on than it says
    String handedBack = create(lda(50_000_000, "async", 5), 202);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Jobs.get(handedBack).getFloat("progress_percentage") >= 10);

    assertThat(dispatcher.releaseRunningJobs()) // what a graceful shutdown does after its grace
        .isOne();
    // saved before the job went back to the queue: the next attempt starts from there
    assertThat(db.count("select count(*) from lda_checkpoint where job_id = ?", handedBack))
        .isOne();
    JsonPath resumed = awaitStatus(handedBack, "completed");
    String uninterrupted = create(lda(50_000_000, "async", 5), 202);

    assertThat(awaitStatus(uninterrupted, "completed").getMap("result"))
        .isEqualTo(resumed.getMap("result"));
    assertThat(resumed.getInt("attempts")).isOne(); // a hand-back spends no attempt
    assertThat(db.count("select count(*) from lda_checkpoint where job_id = ?", handedBack))
        .as("dropped when the job ended")
        .isZero();
  }

  /** Progress while it runs is shown by the cancellation test below, on a run long enough. */
  @Test
  void a_large_lda_run_goes_async_and_completes_at_100_percent_with_the_same_numbers_as_ever() {
    String jobId = create(lda(6_000_000, "async", 10), 202);

    JsonPath done = awaitStatus(jobId, "completed");
    assertThat(done.getFloat("progress_percentage")).isEqualTo(100f);

    // the same request and seed, run again: identical to the last digit
    String again = create(lda(6_000_000, "async", 10), 202);
    assertThat(awaitStatus(again, "completed").getMap("result")).isEqualTo(done.getMap("result"));
  }

  @Test
  void a_running_lda_job_is_cancelled_within_moments() {
    String jobId = create(lda(150_000_000, "async", 10), 202);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                given()
                        .get(JOBS + "/" + jobId + "/status")
                        .then()
                        .extract()
                        .jsonPath()
                        .getFloat("progress_percentage")
                    > 0);

    given().delete(JOBS + "/" + jobId).then().statusCode(202);

    awaitStatus(jobId, "cancelled");
  }

  @Test
  void bad_lda_input_is_a_400_naming_the_field() {
    given()
        .contentType(ContentType.JSON)
        .body(lda(100_000, null, -3))
        .post(JOBS)
        .then()
        .statusCode(400)
        .body("error_code", equalTo("VALIDATION_ERROR"))
        .body("errors.field", hasItem("inputs.units_of_measure[0].frequency.lambda"));
    given()
        .contentType(ContentType.JSON)
        .body(lda(5_000_000_000L, null, 10))
        .post(JOBS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("inputs.simulations"));
  }
}
