package io.ormcalc.execution;

import static io.ormcalc.support.Jobs.script;
import static io.ormcalc.support.Jobs.scripted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.support.Database;
import io.ormcalc.support.Scripts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Synchronous work is bounded: it takes the same slots as claimed jobs, so {@code
 * max-concurrent-jobs} (5 here) holds; beyond them an {@code auto} job is queued and an explicit
 * {@code sync} request is refused 503 with {@code Retry-After}, none waits unboundedly, none 500.
 */
@QuarkusTest
class BoundedSyncQuarkusTest {

  @TestHTTPResource("/api/v1/calculation-jobs")
  URI jobs;

  @Inject ObjectMapper mapper;
  @Inject Database db;
  @Inject Dispatcher dispatcher;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void two_hundred_concurrent_sync_requests_stay_within_the_slots_and_the_rest_are_told_to_retry()
      throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.activeJobs() == 0);
    Scripts.resetMaxRunning();
    List<HttpResponse<String>> answers = postAll("sync", "sync-burst", 200);

    Map<Integer, Long> statuses =
        answers.stream()
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    assertThat(statuses.keySet()).as("answered: %s", statuses).isSubsetOf(201, 202, 503);
    assertThat(statuses.get(503)).as("answered: %s", statuses).isPositive();
    assertThat(statuses.getOrDefault(201, 0L) + statuses.getOrDefault(202, 0L)).isPositive();
    for (HttpResponse<String> refused : answers) {
      if (refused.statusCode() == 503) {
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(mapper.readTree(refused.body()).path("error_code").asText())
            .isEqualTo("SYNC_CAPACITY_EXHAUSTED");
      }
    }
    assertThat(Scripts.maxRunning()).as("calculations at once").isLessThanOrEqualTo(5);
    long stored = db.count("select count(*) from job where entity_id like 'sync-burst-%'");
    assertThat(stored)
        .as("a refused request stores nothing")
        .isEqualTo(answers.size() - statuses.get(503));
  }

  @Test
  void auto_requests_beyond_the_slots_are_queued_instead_and_all_complete() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.activeJobs() == 0);
    Scripts.resetMaxRunning();
    List<HttpResponse<String>> answers = postAll(null, "auto-burst", 100);

    List<String> ids = new ArrayList<>();
    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode()).isIn(201, 202);
      JsonNode job = mapper.readTree(answer.body());
      ids.add(job.path("job_id").asText());
    }
    assertThat(answers.stream().filter(a -> a.statusCode() == 202)).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.count(
                        "select count(*) from job where status = 'completed' and id = any(?)",
                        (Object) ids.toArray(String[]::new))
                    == ids.size());
    assertThat(Scripts.maxRunning()).isLessThanOrEqualTo(5);
  }

  private List<HttpResponse<String>> postAll(String mode, String prefix, int count)
      throws Exception {
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> body = scripted(mode, null, script(prefix + "-" + i, "sleep_ms", 300));
      body.put("entity_id", prefix + "-" + i);
      if (mode == null) {
        body.remove("execution_mode"); // auto
      }
      sent.add(
          http.sendAsync(
              HttpRequest.newBuilder(jobs)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : sent) {
      answers.add(answer.get());
    }
    return answers;
  }
}
