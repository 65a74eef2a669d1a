package io.ormcalc.api;

import static io.ormcalc.support.CalculationRequests.aBiaRequest;
import static io.ormcalc.support.CalculationRequests.anSmaRequest;
import static io.ormcalc.support.CalculationRequests.anSmaRequestWithBiOf35bn;
import static io.ormcalc.support.CalculationRequests.biYear;
import static io.ormcalc.support.CalculationRequests.request;
import static io.ormcalc.support.CalculationRequests.uniqueEntity;
import static io.ormcalc.support.JobRowAssert.assertThatJob;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SynchronousJobQuarkusTest {

  static final String JOBS = "/api/v1/calculation-jobs";

  @Inject Database db;
  @Inject ObjectMapper mapper;
  @Inject io.ormcalc.execution.InstanceId instanceId;

  static ExtractableResponse<Response> post(Object body, int status) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Correlation-ID", "corr-test-1")
        .body(body)
        .when()
        .post(JOBS)
        .then()
        .statusCode(status)
        .extract();
  }

  @Test
  void an_sma_job_runs_synchronously_and_its_result_and_audit_trail_are_stored() throws Exception {
    String entity = uniqueEntity();
    ExtractableResponse<Response> created = post(anSmaRequest(entity), 201);
    String jobId = created.path("job_id");

    assertThat(created.header("Location")).endsWith(JOBS + "/" + jobId);
    assertThat(created.header("X-Correlation-ID")).isEqualTo("corr-test-1");
    assertThat(jobId).matches("job_[0-9a-z]{26}");
    assertThat((String) created.path("run_id")).matches("run_[0-9a-z]{26}");
    assertThat((String) created.path("status")).isEqualTo("completed");
    assertThat((String) created.path("execution_mode")).isEqualTo("sync");
    assertThat((Boolean) created.path("result_available")).isTrue();
    assertThat((String) created.path("result.ilm_basis")).isEqualTo("calculated");

    Map<String, Object> row = db.row("select * from job where id = ?", jobId);
    assertThatJob(row).hasStatus("completed").hasAttempt(1).isFinished().hasResult();
    assertThat(row.get("entity_id")).isEqualTo(entity);
    assertThat(row.get("rule_set")).isEqualTo("BCBS_2017");
    assertThat(row.get("correlation_id")).isEqualTo("corr-test-1");
    JsonNode stored = mapper.readTree(row.get("result").toString());
    JsonNode answered = mapper.readTree(created.body().asString()).get("result");
    assertThat(stored).isEqualTo(answered);
    assertThat(stored.get("operational_risk_capital").decimalValue())
        .isEqualByComparingTo(
            stored
                .get("bic")
                .decimalValue()
                .multiply(stored.get("ilm").decimalValue())
                .setScale(8, java.math.RoundingMode.HALF_EVEN));

    List<Map<String, Object>> events =
        db.rows("select * from job_event where job_id = ? order by id", jobId);
    assertThat(events)
        .extracting(e -> e.get("event_type"), e -> e.get("from_status"), e -> e.get("to_status"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("created", null, "queued"),
            org.assertj.core.groups.Tuple.tuple("started", "queued", "running"),
            org.assertj.core.groups.Tuple.tuple("completed", "running", "completed"));
    assertThat(events)
        .extracting(e -> e.get("actor").toString())
        // authentication is off in the test profile: the caller is anonymous, of tenant default
        .containsExactly("anonymous", "anonymous", "worker:" + instanceId.get());
    assertThat(events)
        .allSatisfy(e -> assertThat(e.get("correlation_id")).isEqualTo("corr-test-1"));
  }

  @Test
  void the_stored_job_reads_back_the_same_by_id_and_by_status() {
    String jobId = post(aBiaRequest(uniqueEntity()), 201).path("job_id");

    given()
        .get(JOBS + "/" + jobId)
        .then()
        .statusCode(200)
        .body("job_id", equalTo(jobId))
        .body("status", equalTo("completed"))
        .body("result.capital_charge", equalTo(27))
        .body("result.years_used", equalTo(List.of(2022, 2024)))
        .body("lineage.rule_set", equalTo("BASEL_II"))
        .body("lineage.engine_version", equalTo("0.1.0-SNAPSHOT"))
        .body("created_at", startsWith("20"));
    given()
        .get(JOBS + "/" + jobId + "/status")
        .then()
        .statusCode(200)
        .body("job_id", equalTo(jobId))
        .body("status", equalTo("completed"))
        .body("progress_percentage", equalTo(100.0f))
        .body("result_available", equalTo(true))
        .body("attempts", equalTo(1));
  }

  @Test
  void ope25_footnote_2_over_http_a_bi_of_35bn_gives_a_bic_of_5_37bn() {
    ExtractableResponse<Response> created = post(anSmaRequestWithBiOf35bn(uniqueEntity()), 201);

    assertThat(new BigDecimal(created.jsonPath().getString("result.bic")))
        .isEqualByComparingTo("5.37");
    assertThat((String) created.path("result.currency")).isEqualTo("EUR");
    assertThat((Integer) created.path("result.bucket")).isEqualTo(3);
    // no loss history: ORC = BIC
    assertThat(new BigDecimal(created.jsonPath().getString("result.operational_risk_capital")))
        .isEqualByComparingTo("5.37");
  }

  @Test
  void lineage_records_the_input_hash_and_the_parameters_as_applied() {
    String entity = uniqueEntity();
    ExtractableResponse<Response> first = post(anSmaRequest(entity), 201);
    ExtractableResponse<Response> second = post(anSmaRequest(entity), 201);

    String hash = first.path("lineage.input_hash");
    assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(second.path("lineage.input_hash"));
    assertThat((String) first.path("run_id")).isNotEqualTo(second.path("run_id"));
    assertThat((Integer) first.path("lineage.parameters.loss_threshold")).isEqualTo(20000);
    assertThat((String) first.path("lineage.parameters.ilm_policy")).isEqualTo("calculated");
    assertThat((Integer) first.path("lineage.parameters.fiscal_year_end_month")).isEqualTo(12);
    assertThat((String) first.path("lineage.calculated_at")).isNotNull();
  }

  @Test
  void a_failed_calculation_is_stored_as_a_failed_job_with_a_structured_error() {
    String entity = uniqueEntity();
    Map<String, Object> inputs =
        Map.of(
            "business_indicator",
            List.of(
                biYear(2022, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                biYear(2023, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                biYear(2024, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            "annual_losses",
            List.of(
                Map.of("year", 2020, "net_loss", 1),
                Map.of("year", 2021, "net_loss", 1),
                Map.of("year", 2022, "net_loss", 1),
                Map.of("year", 2023, "net_loss", 1),
                Map.of("year", 2024, "net_loss", 1)));
    ExtractableResponse<Response> failed =
        post(request("sma", entity, inputs, Map.of("bucket1_use_ilm", true)), 422);

    assertThat(failed.contentType()).startsWith("application/problem+json");
    assertThat((String) failed.path("error_code")).isEqualTo("ILM_UNDEFINED");
    String jobId = failed.path("job_id");
    Map<String, Object> row = db.row("select * from job where id = ?", jobId);
    assertThatJob(row).hasStatus("failed").hasAttempt(1).isFinished().hasNoResult();
    assertThat(row.get("error").toString())
        .contains("\"error_code\": \"ILM_UNDEFINED\"", "\"retryable\": false");
    assertThat(row.get("attempt_errors").toString()).contains("\"attempt\": 1", "ILM_UNDEFINED");
    assertThat(db.rows("select to_status from job_event where job_id = ? order by id", jobId))
        .extracting(e -> e.get("to_status"))
        .containsExactly("queued", "running", "failed");
    given()
        .get(JOBS + "/" + jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("failed"))
        .body("error.error_code", equalTo("ILM_UNDEFINED"))
        .body("error.retryable", equalTo(false))
        .body("attempt_errors[0].attempt", equalTo(1))
        .body("attempt_errors[0].error_code", equalTo("ILM_UNDEFINED"))
        .body("result", equalTo(null));
  }
}
