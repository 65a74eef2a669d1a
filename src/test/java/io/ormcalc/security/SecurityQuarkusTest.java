package io.ormcalc.security;

import static io.ormcalc.support.Jobs.JOBS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.SecuredProfile;
import io.ormcalc.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API as an OAuth 2.0 resource server: tokens, roles, tenants, audit and rate limits. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class SecurityQuarkusTest {

  static final String SUBMIT = "calc:submit";
  static final String READ = "calc:read";
  static final String ADMIN = "calc:admin";

  @Inject Database db;

  private static String tenant(String name) {
    return name + "-" + System.nanoTime();
  }

  private static Response createSync(String bearer, String correlation) {
    Map<String, Object> body = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
    body.put("execution_mode", "sync");
    return given()
        .header("Authorization", bearer)
        .header("X-Correlation-ID", correlation)
        .contentType(ContentType.JSON)
        .body(body)
        .post(JOBS);
  }

  @Test
  void requests_without_a_valid_token_are_401_problems() {
    String t = tenant("a");
    List<String> refused =
        List.of(
            "",
            "Bearer",
            "Bearer not.a.token",
            "Basic dXNlcjpwYXNz",
            "Bearer " + Tokens.signedByAnotherKey("alice", t, READ),
            "Bearer " + Tokens.expired("alice", t, READ),
            "Bearer " + Tokens.fromIssuer("https://evil.example", "alice", t, READ),
            "Bearer " + Tokens.forAudience("another-api", "alice", t, READ));
    for (String authorization : refused) {
      var request = given();
      if (!authorization.isEmpty()) {
        request.header("Authorization", authorization);
      }
      Response response = request.get(JOBS);
      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(response.jsonPath().getString("error_code")).isEqualTo("UNAUTHENTICATED");
      assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at io.");
    }
  }

  @Test
  void health_and_metrics_stay_open_to_the_orchestrator() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }

  @Test
  void a_token_without_the_role_or_without_a_tenant_is_a_403_problem() {
    String t = tenant("roles");
    String readOnly = Tokens.bearer("rita", t, READ);
    String submitOnly = Tokens.bearer("sam", t, SUBMIT);

    assertThat(createSync(readOnly, "c1").statusCode()).isEqualTo(403);
    given().header("Authorization", submitOnly).get(JOBS).then().statusCode(403);
    given()
        .header("Authorization", submitOnly)
        .get(JOBS + "/queue/statistics")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", Tokens.bearer("rita", t, SUBMIT, READ))
        .post(JOBS + "/cleanup")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", Tokens.bearer("rita", t, SUBMIT, READ))
        .post("/api/v1/webhook-deliveries/msg_00000000000000000000000000000000/redeliver")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + Tokens.withoutTenant("nobody", SUBMIT, READ))
        .get(JOBS)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertThat(db.rows("select id from job where tenant_id = ?", t)).isEmpty();
  }

  @Test
  void one_tenant_can_neither_read_nor_list_nor_cancel_nor_count_another_tenants_jobs() {
    String a = tenant("a");
    String b = tenant("b");
    String alice = Tokens.bearer("alice", a, SUBMIT, READ);
    String bob = Tokens.bearer("bob", b, SUBMIT, READ);
    String jobId = createSync(alice, "iso").then().statusCode(201).extract().path("job_id");
    String missing = "job_00000000000000000000000000";

    for (String path : List.of("", "/status", "/webhook-deliveries")) {
      Response theirs = given().header("Authorization", bob).get(JOBS + "/" + jobId + path);
      Response none = given().header("Authorization", bob).get(JOBS + "/" + missing + path);
      assertThat(theirs.statusCode()).as(path).isEqualTo(404).isEqualTo(none.statusCode());
      assertThat(theirs.jsonPath().getString("error_code"))
          .isEqualTo(none.jsonPath().getString("error_code"));
      assertThat(theirs.jsonPath().getString("title"))
          .isEqualTo(none.jsonPath().getString("title"));
    }
    given().header("Authorization", bob).delete(JOBS + "/" + jobId).then().statusCode(404);
    assertThat(
            given()
                .header("Authorization", bob)
                .queryParam("limit", 200)
                .get(JOBS)
                .jsonPath()
                .getList("items.job_id", String.class))
        .doesNotContain(jobId);
    assertThat(
            given()
                .header("Authorization", bob)
                .get(JOBS + "/queue/statistics")
                .jsonPath()
                .getLong("total_jobs"))
        .isZero();
    assertThat(
            given()
                .header("Authorization", alice)
                .get(JOBS + "/queue/statistics")
                .jsonPath()
                .getLong("total_jobs"))
        .isEqualTo(1);
    assertThat(
            given()
                .header("Authorization", alice)
                .queryParam("limit", 200)
                .get(JOBS)
                .jsonPath()
                .getList("items.job_id", String.class))
        .containsExactly(jobId);

    // an administrator sees across tenants
    String admin = Tokens.bearer("ops", tenant("ops"), ADMIN);
    given().header("Authorization", admin).get(JOBS + "/" + jobId).then().statusCode(200);
    Response all = given().header("Authorization", admin).get(JOBS + "/queue/statistics");
    assertThat(all.jsonPath().getString("tenant_id")).isNull();
    assertThat(all.jsonPath().getLong("total_jobs")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void idempotency_keys_are_scoped_to_their_tenant() {
    Map<String, Object> body = CalculationRequests.aBiaRequest("SHARED_ENTITY");
    body.put("execution_mode", "sync");
    String a = Tokens.bearer("alice", tenant("a"), SUBMIT, READ);
    String b = Tokens.bearer("bob", tenant("b"), SUBMIT, READ);
    String key = "same-key-" + System.nanoTime();

    String first = post(a, key, body).then().statusCode(201).extract().path("job_id");
    String other = post(b, key, body).then().statusCode(201).extract().path("job_id");
    String replay = post(a, key, body).then().statusCode(200).extract().path("job_id");

    assertThat(other).isNotEqualTo(first);
    assertThat(replay).isEqualTo(first);
  }

  private static Response post(String bearer, String key, Map<String, Object> body) {
    return given()
        .header("Authorization", bearer)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post(JOBS);
  }

  @Test
  void the_audit_trail_records_who_did_what_for_which_tenant_from_where() {
    String t = tenant("audit");
    String correlation = "audit-" + System.nanoTime();
    String jobId =
        createSync(Tokens.bearer("auditor-alice", t, SUBMIT, READ), correlation)
            .then()
            .statusCode(201)
            .extract()
            .path("job_id");

    List<Map<String, Object>> trail =
        db.rows(
            "select event_type, actor, tenant_id, client_address, correlation_id from job_event"
                + " where job_id = ? order by id",
            jobId);
    assertThat(trail)
        .extracting(r -> r.get("event_type"))
        .containsExactly("created", "started", "completed");
    assertThat(trail.get(0))
        .containsEntry("actor", "auditor-alice")
        .containsEntry("tenant_id", t)
        .containsEntry("correlation_id", correlation);
    assertThat((String) trail.get(0).get("client_address")).isNotBlank();

    String cleanupCorrelation = "cleanup-" + System.nanoTime();
    given()
        .header("Authorization", Tokens.bearer("ops-olga", tenant("ops"), ADMIN))
        .header("X-Correlation-ID", cleanupCorrelation)
        .post(JOBS + "/cleanup?max_age_hours=87600")
        .then()
        .statusCode(200);
    assertThat(
            db.rows(
                "select actor, details from job_event where event_type = 'cleanup'"
                    + " and correlation_id = ?",
                cleanupCorrelation))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("actor", "ops-olga"));
    assertThat(db.tryExecute("update job_event set actor = 'mallory' where job_id = ?", jobId))
        .as("the trail is append-only")
        .isNotNull();
    assertThat(db.tryExecute("delete from job_event where job_id = ?", jobId)).isNotNull();
  }

  @Test
  void a_tenant_over_its_rate_is_answered_429_with_retry_after() {
    String throttled = Tokens.bearer("tim", "throttled", READ);
    Response last = null;
    for (int i = 0; i < 5; i++) {
      last = given().header("Authorization", throttled).get(JOBS);
      if (last.statusCode() == 429) {
        break;
      }
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.contentType()).startsWith("application/problem+json");
    assertThat(last.jsonPath().getString("error_code")).isEqualTo("RATE_LIMITED");
    assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 2);
    // another tenant is not affected
    given()
        .header("Authorization", Tokens.bearer("ann", tenant("calm"), READ))
        .get(JOBS)
        .then()
        .statusCode(200);
  }

  @Test
  void answers_carry_security_headers() {
    Response response =
        given().header("Authorization", Tokens.bearer("h", tenant("h"), READ)).get(JOBS);
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(response.header("Strict-Transport-Security")).startsWith("max-age=");
  }
}
