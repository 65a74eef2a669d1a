package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.ormcalc.support.WebhookReceiver;
import io.ormcalc.support.WebhookReceiver.Received;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The outbox survives a crash between commit and send: a replica that does not send webhooks
 * completes a job (its message committed with it) and is killed with SIGKILL; a replica started
 * afterwards delivers the message, signed, exactly as the outbox holds it. The second replica also
 * shows that an explicit retry schedule from the environment is in force.
 */
class WebhookOutboxRestartIT {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void a_message_committed_before_a_crash_is_delivered_after_the_restart() throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    Map<String, String> environment = new HashMap<>(db.environment());
    environment.put("WEBHOOK_ALLOW_HTTP", "true");
    environment.put("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    Map<String, String> silent = new HashMap<>(environment);
    silent.put("ORMCALC_WEBHOOK_DELIVERY_ENABLED", "false");
    Replica crashing = new Replica("webhook-crash", silent);
    Map<String, String> longSchedule = new HashMap<>(environment);
    longSchedule.put("WEBHOOK_RETRY_SCHEDULE", "5s,5m,30m,2h,5h,10h");
    Replica restarted = new Replica("webhook-restart", longSchedule);

    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      crashing.start();
      crashing.awaitReady(Duration.ofSeconds(90));
      String body =
          Files.readString(Path.of("docs/examples/sma-request.json"))
              .replaceFirst(
                  "\\{", "{\"callback_url\":\"" + receiver.url("/hooks/after-crash") + "\",");
      HttpResponse<String> created = crashing.post("/api/v1/calculation-jobs", body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      List<Map<String, Object>> outbox =
          db.rows("select id, status, attempts from webhook_delivery");
      assertThat(outbox).hasSize(1);
      assertThat(outbox.get(0)).containsEntry("status", "pending").containsEntry("attempts", 0);

      crashing.kill();
      restarted.start();
      restarted.awaitReady(Duration.ofSeconds(90));

      Received message = receiver.await("/hooks/after-crash", 1, Duration.ofSeconds(30)).get(0);
      new Webhook(SECRET).verify(message.text(), message.headers());
      assertThat(message.header("webhook-id")).isEqualTo(outbox.get(0).get("id"));
      assertThat(message.text()).contains("calculation_job.completed");
      String jobId = message.text().replaceFirst(".*\"job_id\":\"(job_[0-9a-z]{26})\".*", "$1");
      String audit = "/api/v1/calculation-jobs/" + jobId + "/webhook-deliveries";
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> restarted.get(audit).body().contains("\"status\":\"delivered\""));
      assertThat(restarted.get(audit).body())
          .as("the explicit schedule gives 7 attempts")
          .contains("\"max_attempts\":7");
    } finally {
      if (crashing.isAlive()) {
        crashing.kill();
      }
      if (restarted.isAlive()) {
        restarted.terminate(Duration.ofSeconds(30));
      }
    }
  }
}
