package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A replica killed (SIGKILL) after a calculation ended but before the batch completer wrote its
 * completion loses only that completion: the lease expires, another replica rescues the job and
 * runs it exactly once more; the result is written once, by the second attempt.
 */
class CompleterCrashIT {

  private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"(job_[0-9a-z]{26})\"");

  @Test
  void a_kill_between_the_end_of_a_calculation_and_its_flush_reruns_the_job_exactly_once_more()
      throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    Map<String, String> environment = new HashMap<>(db.environment());
    environment.put("ORMCALC_EXECUTION_LEASE", "4s");
    environment.put("ORMCALC_EXECUTION_LEASE_RENEWAL_INTERVAL", "1s");
    environment.put("ORMCALC_MAINTENANCE_RESCUE_INTERVAL", "1s");
    Map<String, String> slowFlush = new HashMap<>(environment);
    // the completion waits in memory for a minute: the kill comes first
    slowFlush.put("ORMCALC_EXECUTION_COMPLETER_INTERVAL", "60s");
    slowFlush.put("ORMCALC_EXECUTION_COMPLETER_BATCH_SIZE", "1000");
    Replica first = new Replica("completer-crash-1", slowFlush);
    Replica second = new Replica("completer-crash-2", environment);
    first.start();
    try {
      first.awaitReady(Duration.ofSeconds(90));
      HttpResponse<String> created =
          first.post("/api/v1/calculation-jobs", ReplicasChaosIT.lda(100_000));
      assertThat(created.statusCode()).isEqualTo(202);
      Matcher id = JOB_ID.matcher(created.body());
      assertThat(id.find()).isTrue();
      String jobId = id.group(1);

      // started, calculated (a tenth of a second of work), its completion waiting to be written
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> events(db, jobId, "started") == 1);
      Thread.sleep(2000);
      assertThat(status(db, jobId)).isEqualTo("running");
      assertThat(events(db, jobId, "completed")).isZero();
      first.kill();

      second.start();
      second.awaitReady(Duration.ofSeconds(90));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "completed".equals(status(db, jobId)));
      assertThat(events(db, jobId, "started")).as("attempts started").isEqualTo(2);
      assertThat(events(db, jobId, "rescued")).isEqualTo(1);
      assertThat(events(db, jobId, "completed")).as("the result written once").isEqualTo(1);
      assertThat(db.count("select attempt from job where id = ?", jobId)).isEqualTo(2);
      assertThat(
              db.count(
                  "select count(*) from job_event where job_id = ? and event_type = 'completed'"
                      + " and actor = 'worker:completer-crash-2'",
                  jobId))
          .isEqualTo(1);
    } finally {
      if (first.isAlive()) {
        first.kill();
      }
      if (second.isAlive()) {
        second.terminate(Duration.ofSeconds(60));
      }
    }
  }

  private static long events(ChaosDatabase db, String jobId, String type) throws Exception {
    return db.count(
        "select count(*) from job_event where job_id = ? and event_type = ?", jobId, type);
  }

  private static String status(ChaosDatabase db, String jobId) throws Exception {
    return (String) db.rows("select status from job where id = ?", jobId).get(0).get("status");
  }
}
