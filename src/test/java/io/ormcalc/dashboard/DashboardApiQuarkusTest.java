package io.ormcalc.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Jobs;
import io.ormcalc.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The dashboard's API: live events by tenant, the session, the sign-in settings, audit trails. */
@QuarkusTest
@TestProfile(DashboardProfile.class)
class DashboardApiQuarkusTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @TestHTTPResource("/api/v1/events")
  URL events;

  /** An open event stream and the events read from it so far. */
  record Stream(List<JsonNode> received, List<String> names, InputStream body)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      body.close();
    }

    /** Every job change received, in order. */
    List<JsonNode> jobs() {
      return received.stream()
          .filter(e -> e.has("jobs"))
          .flatMap(e -> java.util.stream.StreamSupport.stream(e.get("jobs").spliterator(), false))
          .toList();
    }

    List<String> jobIds() {
      return jobs().stream().map(j -> j.get("job_id").asText()).toList();
    }
  }

  private Stream open(String token) throws Exception {
    HttpResponse<InputStream> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(events.toURI())
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    Stream stream =
        new Stream(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), response.body());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = "message";
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                  } else if (line.startsWith("data:")) {
                    stream.names().add(name);
                    stream.received().add(JSON.readTree(line.substring(5).trim()));
                  } else if (line.isEmpty()) {
                    name = "message";
                  }
                }
              } catch (Exception closed) {
                // the test closed the stream
              }
            });
    reader.setDaemon(true);
    reader.start();
    return stream;
  }

  private static String create(String token) {
    return Jobs.create(
        token, CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity()), 201);
  }

  @Test
  void each_stream_carries_its_own_tenants_changes_and_an_admin_stream_every_tenants()
      throws Exception {
    String a = "live-a-" + RUN;
    String b = "live-b-" + RUN;
    try (Stream readerA = open(Tokens.token("reader-a", a, "calc:read"));
        Stream readerB = open(Tokens.token("reader-b", b, "calc:read"));
        Stream admin = open(Tokens.token("admin", "ops", "calc:admin"))) {
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(
              () ->
                  readerA.names().contains("statistics") && readerB.names().contains("statistics"));
      assertThat(readerA.names().get(0)).isEqualTo("hello");
      JsonNode statistics = readerA.received().get(readerA.names().indexOf("statistics"));
      assertThat(statistics.get("tenant_id").asText()).isEqualTo(a);

      String jobA = create(Tokens.token("sys-a", a, "calc:submit"));
      String jobB = create(Tokens.token("sys-b", b, "calc:submit"));
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(
              () ->
                  readerA.jobIds().contains(jobA)
                      && readerB.jobIds().contains(jobB)
                      && admin.jobIds().containsAll(List.of(jobA, jobB)));
      Thread.sleep(500); // anything misrouted would have arrived with the rest
      assertThat(readerA.jobIds()).doesNotContain(jobB);
      assertThat(readerB.jobIds()).doesNotContain(jobA);
      JsonNode change =
          readerA.jobs().stream()
              .filter(j -> j.get("job_id").asText().equals(jobA))
              .reduce((first, last) -> last)
              .orElseThrow();
      assertThat(change.get("tenant_id").asText()).isEqualTo(a);
      assertThat(change.get("status").asText()).isEqualTo("completed");
      assertThat(change.has("inputs")).isFalse();
      assertThat(change.has("result")).isFalse();
      // the overview follows the changes
      Awaitility.await()
          .atMost(10, TimeUnit.SECONDS)
          .until(
              () ->
                  readerA.names().stream().filter("statistics"::equals).count() >= 2
                      && readerA
                              .received()
                              .get(readerA.names().lastIndexOf("statistics"))
                              .get("completed_jobs")
                              .asLong()
                          >= 1);
    }
  }

  @Test
  void a_stream_needs_a_valid_token_with_a_read_role_and_known_parameters() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String authorization :
        List.of("", "Bearer not-a-token", "Bearer " + Tokens.expired("x", "t", "calc:read"))) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(events.toURI()).timeout(Duration.ofSeconds(10));
      if (!authorization.isEmpty()) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("content-type"))
          .hasValue("application/problem+json");
      assertThat(response.body()).contains("UNAUTHENTICATED").doesNotContain("Exception");
    }
    HttpResponse<String> submitOnly =
        client.send(
            HttpRequest.newBuilder(events.toURI())
                .header("Authorization", "Bearer " + Tokens.token("s", "t", "calc:submit"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(submitOnly.statusCode()).isEqualTo(403);
    HttpResponse<String> unknown =
        client.send(
            HttpRequest.newBuilder(URI.create(events + "?tenant=other"))
                .header("Authorization", "Bearer " + Tokens.token("r", "t", "calc:read"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("tenant");
  }

  @Test
  void the_session_names_the_caller_and_the_settings_the_sign_in() {
    RestAssured.given()
        .header(
            "Authorization", "Bearer " + Tokens.token("ann", "bank-x", "calc:read", "calc:submit"))
        .get("/api/v1/session")
        .then()
        .statusCode(200)
        .body("subject", org.hamcrest.Matchers.is("ann"))
        .body("tenant_id", org.hamcrest.Matchers.is("bank-x"))
        .body("roles", org.hamcrest.Matchers.contains("calc:submit", "calc:read"))
        .body("all_tenants", org.hamcrest.Matchers.is(false))
        .body("token_expires_at", org.hamcrest.Matchers.notNullValue());
    RestAssured.given().get("/api/v1/session").then().statusCode(401);
    RestAssured.given()
        .get("/api/v1/dashboard/settings")
        .then()
        .statusCode(200)
        .body("authentication_enabled", org.hamcrest.Matchers.is(true))
        .body("oidc.client_id", org.hamcrest.Matchers.is("ormcalc-dashboard"))
        .body("oidc.token_endpoint", org.hamcrest.Matchers.endsWith("/token"));
  }

  @Test
  void a_jobs_audit_trail_is_read_within_the_tenant() {
    String tenant = "audit-" + RUN;
    String job = create(Tokens.token("sys", tenant, "calc:submit"));
    RestAssured.given()
        .header("Authorization", "Bearer " + Tokens.token("r", tenant, "calc:read"))
        .get("/api/v1/calculation-jobs/" + job + "/events")
        .then()
        .statusCode(200)
        .body("truncated", org.hamcrest.Matchers.is(false))
        .body("items.actor", org.hamcrest.Matchers.hasItem("sys"))
        .body("items.tenant_id", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(tenant)))
        .body("items.to_status", org.hamcrest.Matchers.hasItem("completed"));
    RestAssured.given()
        .header("Authorization", "Bearer " + Tokens.token("r", "someone-else", "calc:read"))
        .get("/api/v1/calculation-jobs/" + job + "/events")
        .then()
        .statusCode(404)
        .body("error_code", org.hamcrest.Matchers.is("JOB_NOT_FOUND"));
  }

  @Test
  void the_page_is_served_with_a_strict_content_security_policy() {
    for (String path : List.of("/", "/dashboard/app.js", "/dashboard/app.css")) {
      RestAssured.given()
          .get(path)
          .then()
          .statusCode(200)
          .header(
              "Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"))
          .header(
              "Content-Security-Policy",
              org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))
          .header("X-Content-Type-Options", "nosniff");
    }
  }
}
