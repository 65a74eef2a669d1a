package io.ormcalc.execution;

import static io.ormcalc.support.CalculationRequests.aBiaRequest;
import static io.ormcalc.support.CalculationRequests.uniqueEntity;
import static io.ormcalc.support.Jobs.JOBS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ormcalc.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyQuarkusTest {

  @Inject Database db;

  private static ExtractableResponse<Response> post(Object body, String key) {
    return given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post(JOBS)
        .then()
        .extract();
  }

  @Test
  void the_same_key_with_the_same_request_returns_the_first_job() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = aBiaRequest(uniqueEntity());

    ExtractableResponse<Response> first = post(body, key);
    ExtractableResponse<Response> again = post(body, key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat((String) again.path("job_id")).isEqualTo(first.path("job_id"));
    assertThat(db.count("select count(*) from job where idempotency_key = ?", key)).isEqualTo(1);
  }

  @Test
  void the_key_may_come_in_the_body_and_then_works_alike() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = aBiaRequest(uniqueEntity());
    body.put("idempotency_key", key);

    String first =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post(JOBS)
            .then()
            .statusCode(201)
            .extract()
            .path("job_id");
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post(JOBS)
        .then()
        .statusCode(200)
        .body("job_id", equalTo(first));
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "another")
        .body(body)
        .post(JOBS)
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItem("idempotency_key"));
  }

  @Test
  void the_same_key_with_another_request_is_refused_with_422() {
    String key = UUID.randomUUID().toString();
    String entity = uniqueEntity();
    String first = post(aBiaRequest(entity), key).path("job_id");

    Map<String, Object> other = aBiaRequest(entity);
    other.put("priority", "high");
    ExtractableResponse<Response> refused = post(other, key);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat((String) refused.path("error_code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat((String) refused.path("job_id")).isEqualTo(first);
    assertThat(db.count("select count(*) from job where entity_id = ?", entity)).isEqualTo(1);
  }

  @Test
  void twenty_concurrent_requests_with_one_key_make_exactly_one_job() throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = aBiaRequest(uniqueEntity());
    body.put("execution_mode", "async");
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(() -> post(body, key));
      }
      List<ExtractableResponse<Response>> answers = new ArrayList<>();
      for (Future<ExtractableResponse<Response>> f : pool.invokeAll(calls)) {
        answers.add(f.get());
      }

      assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(202, 200);
      assertThat(answers).filteredOn(a -> a.statusCode() == 202).hasSize(1);
      assertThat(answers)
          .extracting(a -> (String) a.path("job_id"))
          .containsOnly(answers.get(0).path("job_id").toString());
      assertThat(db.count("select count(*) from job where idempotency_key = ?", key)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
