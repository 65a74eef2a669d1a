package io.ormcalc.api;

import static io.ormcalc.support.CalculationRequests.anSmaRequest;
import static io.ormcalc.support.CalculationRequests.biYear;
import static io.ormcalc.support.CalculationRequests.uniqueEntity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a 4xx problem+json with an error code and, for validation, the
 * offending fields; none leaves a job behind, and none is answered with a 5xx.
 */
@QuarkusTest
class BadInputQuarkusTest {

  static final String JOBS = "/api/v1/calculation-jobs";

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject Database db;

  /** A valid SMA request for the entity, changed by the given edit, as JSON text. */
  static String smaWith(String entity, Consumer<Map<String, Object>> edit) {
    Map<String, Object> body = new HashMap<>(anSmaRequest(entity));
    edit.accept(body);
    try {
      return JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inputs(Map<String, Object> body) {
    Map<String, Object> inputs = new HashMap<>((Map<String, Object>) body.get("inputs"));
    body.put("inputs", inputs);
    return inputs;
  }

  private static Arguments bad(
      String name, Function<String, String> body, String code, String field) {
    return Arguments.of(name, body, code, field);
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        bad(
            "malformed JSON",
            e -> "{\"model_name\": \"sma\", \"entity_id\": \"" + e + "\",",
            "MALFORMED_JSON",
            "body"),
        bad(
            "an unknown field",
            (Function<String, String>) e -> smaWith(e, b -> b.put("colour", "blue")),
            "VALIDATION_ERROR",
            "colour"),
        bad(
            "an unknown input field",
            (Function<String, String>) e -> smaWith(e, b -> inputs(b).put("turnover", 1)),
            "VALIDATION_ERROR",
            "inputs.turnover"),
        bad(
            "a string for a number",
            e ->
                smaWith(
                    e,
                    b ->
                        inputs(b)
                            .put(
                                "business_indicator",
                                List.of(Map.of("year", 2024, "interest_income", "1200")))),
            "VALIDATION_ERROR",
            "inputs.business_indicator[0].interest_income"),
        bad(
            "an unknown model",
            (Function<String, String>) e -> smaWith(e, b -> b.put("model_name", "ama")),
            "VALIDATION_ERROR",
            "model_name"),
        bad(
            "a missing entity id",
            (Function<String, String>) e -> smaWith(e, b -> b.remove("entity_id")),
            "VALIDATION_ERROR",
            "entity_id"),
        bad(
            "a future calculation date",
            e -> smaWith(e, b -> b.put("calculation_date", "2999-12-31")),
            "VALIDATION_ERROR",
            "calculation_date"),
        bad(
            "an impossible date",
            e -> smaWith(e, b -> b.put("calculation_date", "2024-02-30")),
            "VALIDATION_ERROR",
            "calculation_date"),
        bad(
            "fewer than three BI years",
            e ->
                smaWith(
                    e,
                    b ->
                        inputs(b)
                            .put(
                                "business_indicator",
                                List.of(biYear(2024, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)))),
            "VALIDATION_ERROR",
            "inputs.business_indicator"),
        bad(
            "negative interest-earning assets",
            e ->
                smaWith(
                    e,
                    b ->
                        inputs(b)
                            .put(
                                "business_indicator",
                                List.of(
                                    biYear(2022, 1, 1, -5, 1, 1, 1, 1, 1, 1, 1),
                                    biYear(2023, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1),
                                    biYear(2024, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1)))),
            "VALIDATION_ERROR",
            "inputs.business_indicator[0].interest_earning_assets"),
        bad(
            "a non-finite number",
            e -> smaWith(e, b -> {}).replace("\"net_loss\":12", "\"net_loss\":NaN"),
            "MALFORMED_JSON",
            "inputs"),
        bad(
            "an absurdly large number",
            e -> smaWith(e, b -> {}).replace("\"net_loss\":12", "\"net_loss\":1e999999"),
            "VALIDATION_ERROR",
            "inputs.annual_losses[0].net_loss"),
        bad(
            "a duplicate key",
            e ->
                smaWith(e, b -> {})
                    .replaceFirst("\\{", "{\"priority\":\"low\",\"priority\":\"high\","),
            "MALFORMED_JSON",
            "body"),
        bad(
            "an unknown rule set",
            e -> smaWith(e, b -> b.put("parameters", Map.of("rule_set", "BASEL_IV"))),
            "VALIDATION_ERROR",
            "parameters.rule_set"),
        bad(
            "a callback that is not a URL",
            (Function<String, String>) e -> smaWith(e, b -> b.put("callback_url", "ftp://x y")),
            "VALIDATION_ERROR",
            "callback_url"));
  }

  @ParameterizedTest(name = "{0} is a 400 {2} on {3}")
  @MethodSource("badBodies")
  void bad_bodies_are_refused_with_a_problem_naming_the_field_and_store_nothing(
      String name, Function<String, String> body, String code, String field) {
    String entity = uniqueEntity();
    ExtractableResponse<Response> answer =
        given()
            .contentType("application/json")
            .body(body.apply(entity))
            .when()
            .post(JOBS)
            .then()
            .extract();

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat((String) answer.path("error_code")).isEqualTo(code);
    assertThat(answer.jsonPath().getList("errors.field", String.class)).contains(field);
    assertThat(answer.body().asString()).doesNotContain("Exception", "at io.", "java.", "SQL");
    assertThat(db.count("select count(*) from job where entity_id = ?", entity)).isZero();
  }

  @Test
  void a_body_over_1_mib_is_refused_with_413_whether_its_length_is_declared_or_streamed() {
    String huge = "{\"entity_id\":\"" + "x".repeat(1_100_000) + "\"}";
    given()
        .contentType("application/json")
        .body(huge)
        .when()
        .post(JOBS)
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("error_code", org.hamcrest.Matchers.equalTo("PAYLOAD_TOO_LARGE"));
    given()
        .contentType("application/json")
        .body(new java.io.ByteArrayInputStream(huge.getBytes()))
        .when()
        .post(JOBS)
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("error_code", org.hamcrest.Matchers.equalTo("PAYLOAD_TOO_LARGE"));
  }

  @Test
  void a_body_that_is_not_json_is_refused_with_415() {
    given()
        .contentType("text/csv")
        .body("year,amount\n2024,1")
        .when()
        .post(JOBS)
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("error_code", org.hamcrest.Matchers.equalTo("UNSUPPORTED_MEDIA_TYPE"));
  }

  @Test
  void an_unknown_job_is_404_job_not_found_whatever_the_shape_of_its_id() {
    for (String id :
        List.of("job_0000000000000000000000000a", "nonsense", "job_'; drop table job;--")) {
      given()
          .get(JOBS + "/" + id.replace(" ", "%20"))
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("error_code", org.hamcrest.Matchers.equalTo("JOB_NOT_FOUND"));
    }
    given()
        .get(JOBS + "/job_0000000000000000000000000a/status")
        .then()
        .statusCode(404)
        .body("error_code", org.hamcrest.Matchers.equalTo("JOB_NOT_FOUND"));
  }

  @Test
  void an_empty_body_and_a_json_array_are_refused() {
    given()
        .contentType("application/json")
        .when()
        .post(JOBS)
        .then()
        .statusCode(400)
        .body("errors[0].field", org.hamcrest.Matchers.equalTo("body"));
    given()
        .contentType("application/json")
        .body("[1,2]")
        .when()
        .post(JOBS)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
