package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A replica with a small heap (-Xmx256m: a budget of 128 MB for simulations) takes eight LDA jobs
 * of some 44 MB each at once: they start as their estimates fit, the others wait queued, all
 * complete, and the replica never runs out of memory; a request that could never fit is refused
 * with its estimate.
 */
class SmallHeapIT {

  static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"(job_[0-9a-z]{26})\"");

  static String lda(int units, long years, double confidence) {
    StringBuilder measures = new StringBuilder();
    for (int u = 0; u < units; u++) {
      measures
          .append(u == 0 ? "" : ",")
          .append("{\"name\":\"u")
          .append(u)
          .append("\",\"frequency\":{\"type\":\"poisson\",\"lambda\":1},")
          .append("\"severity\":{\"type\":\"lognormal\",\"mu\":10,\"sigma\":2}}");
    }
    return "{\"model_name\":\"lda\",\"entity_id\":\"HEAP\",\"calculation_date\":\"2024-12-31\","
        + "\"execution_mode\":\"async\",\"inputs\":{\"units_of_measure\":["
        + measures
        + "],\"simulations\":"
        + years
        + ",\"confidence\":"
        + confidence
        + ",\"seed\":7}}";
  }

  @Test
  void big_lda_jobs_wait_for_memory_instead_of_exhausting_it_and_all_complete() throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    Replica replica = new Replica("small-heap", db.environment(), "256m");
    replica.start();
    try {
      replica.awaitReady(Duration.ofSeconds(90));
      HttpResponse<String> refused =
          replica.post("/api/v1/calculation-jobs", lda(20, 200_000_000, 0.9));
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.body()).contains("MEMORY_LIMIT_EXCEEDED", "estimated_memory_bytes");

      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HttpResponse<String> created =
            replica.post("/api/v1/calculation-jobs", lda(2, 10_000_000, 0.9));
        assertThat(created.statusCode()).isEqualTo(202);
        Matcher id = JOB_ID.matcher(created.body());
        assertThat(id.find()).isTrue();
        ids.add(id.group(1));
      }
      long[] mostRunning = {0};
      Awaitility.await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                mostRunning[0] =
                    Math.max(
                        mostRunning[0],
                        db.count("select count(*) from job where status = 'running'"));
                return db.count("select count(*) from job where status = 'completed'") == 8;
              });

      assertThat(mostRunning[0])
          .as("what 128 MB holds of some 44 MB each (and one finishing), not the 5 slots")
          .isBetween(1L, 3L);
      assertThat(replica.isAlive()).isTrue();
      assertThat(replica.starts()).isOne();
      assertThat(replica.log()).doesNotContain("OutOfMemoryError", "RESOURCE_EXHAUSTED");
      assertThat(db.count("select count(*) from job where attempt <> 1")).isZero();
    } finally {
      replica.terminate(Duration.ofSeconds(30));
    }
  }
}
