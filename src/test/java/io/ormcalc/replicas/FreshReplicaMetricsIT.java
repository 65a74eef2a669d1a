package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A Prometheus scraping a replica that has run no job (the packaged service, on an empty database)
 * already sees every gauge and every job counter, with each of its label sets, at 0: "absent"
 * alerts and rates over a new replica read true figures from the first scrape.
 */
class FreshReplicaMetricsIT {

  private static final Pattern SERIES =
      Pattern.compile("(?m)^(ormcalc_[a-z_]+)(?:\\{([^}]*)\\})? (\\S+)$");
  private static final List<String> MODELS = List.of("sma", "bia", "tsa", "asa", "lda");
  private static final List<String> PRIORITIES = List.of("urgent", "high", "normal", "low");

  private record Series(String name, String labels, double value) {}

  private static List<Series> scrape(Replica replica) throws Exception {
    String text = replica.get("/q/metrics").body();
    List<Series> series = new ArrayList<>();
    Matcher m = SERIES.matcher(text);
    while (m.find()) {
      series.add(
          new Series(
              m.group(1), m.group(2) == null ? "" : m.group(2), Double.parseDouble(m.group(3))));
    }
    return series;
  }

  /** The series of {@code name} whose labels are exactly {@code labels} (in any order). */
  private static void assertZero(List<Series> scraped, String name, Map<String, String> labels) {
    List<Series> found =
        scraped.stream()
            .filter(s -> s.name().equals(name))
            .filter(
                s ->
                    labels.entrySet().stream()
                        .allMatch(
                            l -> s.labels().contains(l.getKey() + "=\"" + l.getValue() + "\"")))
            .toList();
    assertThat(found).as("%s%s on a fresh replica", name, labels).isNotEmpty();
    assertThat(found).allSatisfy(s -> assertThat(s.value()).as(s.toString()).isZero());
  }

  @Test
  void every_gauge_and_job_counter_is_exposed_at_zero_before_the_first_job() throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    Replica replica = new Replica("metrics-fresh", db.environment());
    replica.start();
    try {
      replica.awaitReady(Duration.ofSeconds(90));
      List<Series> scraped = scrape(replica);

      assertZero(scraped, "ormcalc_jobs_queued", Map.of());
      assertZero(scraped, "ormcalc_jobs_running", Map.of());
      assertZero(scraped, "ormcalc_oldest_queued_age_seconds", Map.of());
      assertZero(scraped, "ormcalc_dashboard_streams", Map.of());
      for (String model : MODELS) {
        assertZero(scraped, "ormcalc_job_retries_total", Map.of("model", model));
        for (String priority : PRIORITIES) {
          for (String mode : List.of("sync", "async")) {
            assertZero(
                scraped,
                "ormcalc_jobs_submitted_total",
                Map.of("model", model, "priority", priority, "mode", mode));
          }
          for (String status : List.of("completed", "failed", "cancelled")) {
            assertZero(
                scraped,
                "ormcalc_jobs_finished_total",
                Map.of("model", model, "priority", priority, "status", status));
          }
        }
      }
      assertZero(scraped, "ormcalc_lease_rescues_total", Map.of());
      assertZero(scraped, "ormcalc_idempotent_replays_total", Map.of());
      assertZero(scraped, "ormcalc_webhook_dead_letters_total", Map.of());
      for (String outcome :
          List.of("delivered", "failed", "gone", "timeout", "refused", "circuit_open")) {
        assertZero(scraped, "ormcalc_webhook_deliveries_total", Map.of("outcome", outcome));
      }
      assertThat(scraped.stream().map(Series::labels))
          .as("no job or tenant label")
          .noneMatch(l -> l.contains("job_id=") || l.contains("tenant="));
    } finally {
      replica.terminate(Duration.ofSeconds(60));
    }
  }
}
