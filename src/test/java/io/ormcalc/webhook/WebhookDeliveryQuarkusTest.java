package io.ormcalc.webhook;

import static io.ormcalc.support.Jobs.JOBS;
import static io.ormcalc.support.Jobs.awaitStatus;
import static io.ormcalc.support.Jobs.create;
import static io.ormcalc.support.Jobs.script;
import static io.ormcalc.support.Jobs.scripted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.Scripts;
import io.ormcalc.support.WebhookReceiver;
import io.ormcalc.support.WebhookReceiver.Received;
import io.ormcalc.support.WebhookReceiver.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: real jobs, a real HTTP receiver on loopback, signatures checked with the
 * Standard Webhooks reference library. The test profile retries after 200 ms and 400 ms (three
 * attempts), times attempts out after 1 s and opens a host's breaker after 4 attempts.
 */
@QuarkusTest
class WebhookDeliveryQuarkusTest {

  static final String CURRENT_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String PREVIOUS_SECRET = "whsec_dGVzdC1vbmx5LXByZXZpb3VzLXNlY3JldC0xMjM0";
  static final Duration WAIT = Duration.ofSeconds(20);

  @Inject Database db;
  WebhookReceiver receiver;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    Scripts.openAll();
    receiver.close();
  }

  private String asyncBiaJob(String callbackPath) {
    Map<String, Object> body = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
    body.put("execution_mode", "async");
    body.put("callback_url", receiver.url(callbackPath));
    return create(body, 202);
  }

  private static JsonPath deliveriesOf(String jobId) {
    return given()
        .get(JOBS + "/" + jobId + "/webhook-deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath awaitDelivery(String jobId, String status) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status.equals(deliveriesOf(jobId).getString("items[0].status")));
    return deliveriesOf(jobId);
  }

  @Test
  void a_completed_job_is_announced_once_signed_so_that_the_reference_library_verifies_it()
      throws Exception {
    String correlation = "corr-webhook-" + System.nanoTime();
    Map<String, Object> body = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
    body.put("execution_mode", "async");
    body.put("callback_url", receiver.url("/hooks/signed"));
    String jobId =
        given()
            .contentType(ContentType.JSON)
            .header("X-Correlation-ID", correlation)
            .body(body)
            .post(JOBS)
            .then()
            .statusCode(202)
            .extract()
            .path("job_id");

    Received message = receiver.await("/hooks/signed", 1, WAIT).get(0);

    // the reference implementation accepts it with the current secret and with the previous one
    new Webhook(CURRENT_SECRET).verify(message.text(), message.headers());
    new Webhook(PREVIOUS_SECRET).verify(message.text(), message.headers());
    assertThat(message.header("webhook-signature").split(" "))
        .hasSize(2)
        .allMatch(s -> s.startsWith("v1,"));
    // and refuses it when one byte of the body changes
    String tampered = message.text().replace("\"completed\"", "\"complete_\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Webhook(CURRENT_SECRET).verify(tampered, message.headers()))
        .isInstanceOf(WebhookVerificationException.class);

    assertThat(message.header("webhook-id")).matches("msg_[0-9a-f]{32}");
    assertThat(Long.parseLong(message.header("webhook-timestamp")))
        .isBetween(Instant.now().getEpochSecond() - 30, Instant.now().getEpochSecond() + 1);
    assertThat(message.header("x-correlation-id")).isEqualTo(correlation);
    assertThat(message.header("content-type")).isEqualTo("application/json");

    JsonPath payload = new JsonPath(message.text());
    assertThat(payload.getString("type")).isEqualTo("calculation_job.completed");
    assertThat(payload.getString("data.job_id")).isEqualTo(jobId);
    assertThat(payload.getString("data.run_id")).startsWith("run_");
    assertThat(payload.getString("data.status")).isEqualTo("completed");
    assertThat(payload.getString("data.model_name")).isEqualTo("bia");
    assertThat(payload.getFloat("data.result_summary.capital_charge")).isEqualTo(27f);
    assertThat(payload.getString("data.links.self")).isEqualTo(JOBS + "/" + jobId);
    assertThat(payload.getString("timestamp"))
        .isEqualTo(awaitStatus(jobId, "completed").getString("completed_at"));
    assertThat(message.text()).doesNotContain("whsec_").doesNotContain("inputs");

    JsonPath audit = awaitDelivery(jobId, "delivered");
    assertThat(audit.getString("items[0].delivery_id")).isEqualTo(message.header("webhook-id"));
    assertThat(audit.getInt("items[0].attempts")).isEqualTo(1);
    assertThat(audit.getInt("items[0].attempt_history[0].http_status")).isEqualTo(200);
    assertThat(audit.getString("items[0].attempt_history[0].outcome")).isEqualTo("delivered");
    assertThat(audit.getInt("items[0].attempt_history[0].latency_ms")).isGreaterThanOrEqualTo(0);
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.received("/hooks/signed").size() == 1);
  }

  @Test
  void failed_and_cancelled_jobs_are_announced_with_their_own_event_types() {
    String failed =
        create(
            withCallback(
                scripted("async", null, script("wh-fail", "fail_permanently", true)),
                "/hooks/failed"),
            202);
    String cancelled =
        create(
            withCallback(
                scripted("async", null, script("wh-gate", "await_gate", true)), "/hooks/cancelled"),
            202);
    awaitStatus(cancelled, "running");
    given().delete(JOBS + "/" + cancelled).then().statusCode(202);

    JsonPath failure = new JsonPath(receiver.await("/hooks/failed", 1, WAIT).get(0).text());
    JsonPath cancellation = new JsonPath(receiver.await("/hooks/cancelled", 1, WAIT).get(0).text());

    assertThat(failure.getString("type")).isEqualTo("calculation_job.failed");
    assertThat(failure.getString("data.job_id")).isEqualTo(failed);
    assertThat(failure.getString("data.error.error_code")).isNotBlank();
    assertThat(failure.getBoolean("data.result_available")).isFalse();
    assertThat(cancellation.getString("type")).isEqualTo("calculation_job.cancelled");
    assertThat(cancellation.getString("data.status")).isEqualTo("cancelled");
  }

  private Map<String, Object> withCallback(Map<String, Object> body, String path) {
    body.put("callback_url", receiver.url(path));
    return body;
  }

  @Test
  void a_receiver_that_fails_twice_gets_the_same_message_on_the_third_attempt_after_backoff() {
    receiver.script(
        "/hooks/flaky",
        Reply.status(500),
        Reply.status(302).with("Location", receiver.url("/hooks/elsewhere")),
        Reply.status(204));
    String jobId = asyncBiaJob("/hooks/flaky");

    List<Received> got = receiver.await("/hooks/flaky", 3, WAIT);

    assertThat(got)
        .extracting(r -> r.header("webhook-id"))
        .containsOnly(got.get(0).header("webhook-id"));
    assertThat(got).extracting(Received::text).containsOnly(got.get(0).text());
    // retry-delay 200 ms, doubled, each within ±20 %
    assertThat(Duration.between(got.get(0).at(), got.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(Duration.between(got.get(1).at(), got.get(2).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(310));
    assertThat(receiver.received("/hooks/elsewhere")).as("redirects are not followed").isEmpty();
    JsonPath audit = awaitDelivery(jobId, "delivered");
    assertThat(audit.getList("items[0].attempt_history.http_status", Integer.class))
        .containsExactly(500, 302, 204);
    assertThat(audit.getList("items[0].attempt_history.outcome", String.class))
        .containsExactly("failed", "failed", "delivered");
    assertThat(audit.getString("items[0].attempt_history[1].error")).contains("redirect");
  }

  @Test
  void retry_after_of_a_429_or_503_is_honoured() {
    receiver.script(
        "/hooks/busy",
        Reply.status(429).with("Retry-After", "2"),
        Reply.status(503).with("Retry-After", "1"));
    asyncBiaJob("/hooks/busy");

    List<Received> got = receiver.await("/hooks/busy", 3, WAIT);

    assertThat(Duration.between(got.get(0).at(), got.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(Duration.between(got.get(1).at(), got.get(2).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void gone_stops_the_delivery_at_once() {
    receiver.script("/hooks/gone", Reply.status(410));
    String jobId = asyncBiaJob("/hooks/gone");

    JsonPath audit = awaitDelivery(jobId, "dead");

    assertThat(audit.getInt("items[0].attempts")).isEqualTo(1);
    assertThat(audit.getString("items[0].attempt_history[0].outcome")).isEqualTo("gone");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receiver.received("/hooks/gone").size() == 1);
  }

  @Test
  void an_attempt_without_an_answer_in_time_is_a_timeout_and_is_retried() {
    receiver.script("/hooks/slow", Reply.slow(3_000));
    String jobId = asyncBiaJob("/hooks/slow");

    JsonPath audit = awaitDelivery(jobId, "delivered");

    assertThat(audit.getList("items[0].attempt_history.outcome", String.class))
        .containsExactly("timeout", "delivered");
    assertThat(audit.getInt("items[0].attempt_history[0].latency_ms")).isBetween(900, 2_900);
    assertThat(audit.getString("items[0].attempt_history[0].error")).contains("within");
  }

  @Test
  void after_its_last_attempt_a_message_is_a_dead_letter_until_it_is_redelivered() {
    receiver.script("/hooks/down", Reply.status(500), Reply.status(502), Reply.status(500));
    String jobId = asyncBiaJob("/hooks/down");

    JsonPath dead = awaitDelivery(jobId, "dead");
    String deliveryId = dead.getString("items[0].delivery_id");
    assertThat(dead.getInt("items[0].attempts")).isEqualTo(3);
    assertThat(dead.getInt("items[0].max_attempts")).isEqualTo(3);
    assertThat(dead.getString("items[0].dead_at")).isNotNull();
    assertThat(
            given()
                .queryParam("status", "dead")
                .queryParam("limit", 200)
                .get("/api/v1/webhook-deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.delivery_id", String.class))
        .contains(deliveryId);

    given().post("/api/v1/webhook-deliveries/" + deliveryId + "/redeliver").then().statusCode(202);

    JsonPath delivered = awaitDelivery(jobId, "delivered");
    assertThat(delivered.getInt("items[0].attempts")).isEqualTo(4);
    assertThat(delivered.getInt("items[0].redeliveries")).isEqualTo(1);
    assertThat(delivered.getList("items[0].attempt_history.outcome", String.class))
        .containsExactly("failed", "failed", "failed", "delivered");
    List<Received> got = receiver.received("/hooks/down");
    assertThat(got).hasSize(4).extracting(r -> r.header("webhook-id")).containsOnly(deliveryId);
    given().get("/api/v1/webhook-deliveries/" + deliveryId).then().statusCode(200);
  }

  @Test
  void a_message_whose_sender_died_mid_attempt_is_sent_again_when_its_lease_expires() {
    String jobId = asyncBiaJob("/hooks/crash");
    awaitDelivery(jobId, "delivered");
    // as if a replica had claimed it, sent it and died before recording the outcome
    assertThat(
            db.tryExecute(
                "update webhook_delivery set status = 'sending', delivered_at = null,"
                    + " lease_owner = 'replica-that-died', attempt_started_at = now(),"
                    + " lease_expires_at = now() - interval '1 second' where job_id = ?",
                jobId))
        .isNull();

    receiver.await("/hooks/crash", 2, WAIT);
    JsonPath audit = awaitDelivery(jobId, "delivered");

    assertThat(audit.getList("items[0].attempt_history.outcome", String.class))
        .containsExactly("delivered", "interrupted", "delivered");
    assertThat(audit.getString("items[0].attempt_history[1].replica"))
        .isEqualTo("replica-that-died");
  }

  @Test
  void callback_urls_that_lead_to_internal_addresses_are_refused_and_nothing_is_stored() {
    String entity = CalculationRequests.uniqueEntity();
    for (String url :
        List.of(
            "http://10.0.0.1/hooks",
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.2:9/hooks",
            "http://[::1]:9/hooks",
            "http://0.0.0.0/hooks",
            "http://[::ffff:10.0.0.1]/hooks",
            "http://192.168.1.10/hooks",
            "http://user:secret@127.0.0.1/hooks",
            "ftp://127.0.0.1/hooks",
            "http://no-such-host.invalid/hooks")) {
      Map<String, Object> body = CalculationRequests.aBiaRequest(entity);
      body.put("execution_mode", "async");
      body.put("callback_url", url);
      JsonPath problem =
          given()
              .contentType(ContentType.JSON)
              .body(body)
              .post(JOBS)
              .then()
              .statusCode(400)
              .contentType("application/problem+json")
              .extract()
              .jsonPath();
      assertThat(problem.getString("errors[0].field")).as(url).isEqualTo("callback_url");
      assertThat(problem.getString("errors[0].message")).as(url).doesNotContain("secret");
    }
    assertThat(db.rows("select id from job where entity_id = ?", entity)).isEmpty();
  }

  @Test
  void a_destination_that_became_internal_after_acceptance_is_refused_at_send_time() {
    String jobId = asyncBiaJob("/hooks/rebound");
    awaitDelivery(jobId, "delivered");
    // as if the name had since been re-pointed at a private address (DNS rebinding)
    db.tryExecute(
        "update webhook_delivery set url = 'http://10.1.2.3:9/hooks', status = 'pending',"
            + " delivered_at = null, next_attempt_at = now(), round_attempts = 0 where job_id = ?",
        jobId);

    JsonPath audit = awaitDelivery(jobId, "dead");

    assertThat(audit.getList("items[0].attempt_history.outcome", String.class))
        .containsExactly("delivered", "refused", "refused", "refused");
    assertThat(audit.getString("items[0].last_error")).contains("non-public address");
    assertThat(receiver.received("/hooks/rebound")).hasSize(1);
  }

  @Test
  void a_dead_receiver_opens_its_breaker_without_holding_back_other_receivers() throws IOException {
    receiver.script("/hooks/healthy", Reply.status(200));
    try (WebhookReceiver dead = WebhookReceiver.start()) {
      for (int i = 0; i < 20; i++) {
        dead.script("/hooks/dead", Reply.status(503));
      }
      for (int i = 0; i < 6; i++) {
        Map<String, Object> body =
            CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
        body.put("execution_mode", "async");
        body.put("callback_url", dead.url("/hooks/dead"));
        create(body, 202);
      }
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !db.rows(
                          "select id from webhook_delivery where url = ? and last_error like 'circuit breaker open%'",
                          dead.url("/hooks/dead"))
                      .isEmpty());
      String healthy = asyncBiaJob("/hooks/healthy");
      awaitDelivery(healthy, "delivered");
    }
  }

  @Test
  void a_job_is_not_purged_while_its_webhook_is_pending_or_recently_active() {
    String jobId = asyncBiaJob("/hooks/purge");
    awaitDelivery(jobId, "delivered");
    db.tryExecute(
        "update webhook_delivery set status = 'pending', delivered_at = null,"
            + " next_attempt_at = now() + interval '1 hour' where job_id = ?",
        jobId);
    db.tryExecute("update job set completed_at = now() - interval '3 days' where id = ?", jobId);

    given().post(JOBS + "/cleanup?max_age_hours=24").then().statusCode(200);
    assertThat(db.rows("select id from job where id = ?", jobId)).hasSize(1);

    db.tryExecute(
        "update webhook_delivery set status = 'dead', next_attempt_at = null, dead_at = now(),"
            + " updated_at = now() - interval '1 hour' where job_id = ?",
        jobId);
    given().post(JOBS + "/cleanup?max_age_hours=24").then().statusCode(200);
    assertThat(db.rows("select id from job where id = ?", jobId))
        .as("dead letter is recent")
        .hasSize(1);

    db.tryExecute(
        "update webhook_delivery set updated_at = now() - interval '2 days' where job_id = ?",
        jobId);
    given().post(JOBS + "/cleanup?max_age_hours=24").then().statusCode(200);
    assertThat(db.rows("select id from job where id = ?", jobId)).isEmpty();
    assertThat(db.rows("select id from webhook_delivery where job_id = ?", jobId)).isEmpty();
  }

  @Test
  void unknown_deliveries_and_bad_listing_parameters_are_clear_problems() {
    given()
        .get("/api/v1/webhook-deliveries/msg_00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .post("/api/v1/webhook-deliveries/nonsense/redeliver")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .queryParam("status", "lost")
        .get("/api/v1/webhook-deliveries")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .queryParam("cursor", "nonsense")
        .get("/api/v1/webhook-deliveries")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .get(JOBS + "/job_00000000000000000000000000/webhook-deliveries")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
