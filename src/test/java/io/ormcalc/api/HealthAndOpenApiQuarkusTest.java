package io.ormcalc.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndOpenApiQuarkusTest {

  @Test
  void liveness_readiness_and_startup_probes_answer_up_and_readiness_checks_the_database() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Database connections health check"));
  }

  private static JsonPath openApi() {
    return given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void the_openapi_document_describes_every_operation_and_the_job_schemas() {
    JsonPath doc = openApi();

    Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
    assertThat(paths)
        .containsKeys(
            "/api/v1/calculation-jobs",
            "/api/v1/calculation-jobs/{jobId}",
            "/api/v1/calculation-jobs/{jobId}/status");
    paths.forEach(
        (path, operations) ->
            operations.forEach(
                (method, operation) -> {
                  assertThat(operation)
                      .as(method + " " + path)
                      .containsKeys("summary", "description", "responses");
                }));
    Map<String, Map<String, Object>> schemas = doc.getMap("components.schemas");
    assertThat(schemas)
        .containsKeys(
            "Job", "JobStatus", "JobPage", "Problem", "CreateJobRequest", "SmaInput", "SmaResult");
    for (String name :
        new String[] {
          "Job", "JobStatus", "JobPage", "Problem", "CreateJobRequest", "Lineage", "FieldError"
        }) {
      assertThat(schemas.get(name)).as(name).containsKey("description");
    }
    assertThat(doc.getMap("components.schemas.SmaInput.properties"))
        .containsKeys("business_indicator", "annual_losses", "loss_events");
    assertThat(doc.getString("info.description")).contains("lda", "Loss Distribution Approach");
  }

  @Test
  void every_protected_operation_documents_401_403_and_429_and_the_public_one_needs_no_token() {
    JsonPath doc = openApi();
    Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
    List<String> protectedOperations = new ArrayList<>();
    paths.forEach(
        (path, operations) ->
            operations.forEach(
                (method, operation) -> {
                  if (!path.startsWith("/api/v1/") || !(operation instanceof Map)) {
                    return;
                  }
                  @SuppressWarnings("unchecked")
                  Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                  if (path.equals("/api/v1/dashboard/settings")) {
                    assertThat(operation.get("security"))
                        .as("public settings")
                        .isEqualTo(List.of());
                    assertThat(responses).doesNotContainKeys("401", "403");
                    return;
                  }
                  protectedOperations.add(method + " " + path);
                  assertThat(responses).as(method + " " + path).containsKeys("401", "403", "429");
                  assertThat(((Map<?, ?>) responses.get("429")).get("$ref"))
                      .isEqualTo("#/components/responses/RateLimited");
                }));
    assertThat(protectedOperations).hasSizeGreaterThanOrEqualTo(12);
    // every $ref of a response names a declared one
    assertThat(doc.getMap("components.responses"))
        .containsKeys(
            "Unauthenticated", "Forbidden", "RateLimited", "JobNotFound", "InvalidRequest");
    java.util.regex.Matcher refs =
        java.util.regex.Pattern.compile("#/components/responses/(\\w+)").matcher(doc.prettify());
    while (refs.find()) {
      assertThat(doc.getMap("components.responses")).containsKey(refs.group(1));
    }
    assertThat(doc.getMap("components.securitySchemes")).containsOnlyKeys("bearer");
    assertThat(doc.getList("security").toString()).contains("bearer");
  }
}
