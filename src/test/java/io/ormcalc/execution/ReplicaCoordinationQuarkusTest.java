package io.ormcalc.execution;

import static io.ormcalc.support.JobRows.aQueuedJob;
import static io.ormcalc.support.Jobs.awaitStatus;
import static io.ormcalc.support.Jobs.create;
import static io.ormcalc.support.Jobs.script;
import static io.ormcalc.support.Jobs.scripted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ormcalc.notify.PgNotifier;
import io.ormcalc.support.Database;
import io.ormcalc.support.Scripts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What replicas tell each other through the database: new due jobs and cancellations by NOTIFY, and
 * jobs handed back on shutdown. (The multi-process proof is the chaos test.)
 */
@QuarkusTest
class ReplicaCoordinationQuarkusTest {

  @Inject Database db;
  @Inject Dispatcher dispatcher;
  @Inject PgNotifier notifications;

  @AfterEach
  void releaseEverything() {
    Scripts.openAll();
    await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.activeJobs() == 0);
  }

  @Test
  void a_job_queued_by_another_replica_is_announced_by_notify_and_run_here() {
    await().atMost(Duration.ofSeconds(10)).until(notifications::isConnected);
    long before = notifications.received();

    String jobId = aQueuedJob().insert(db); // as another replica's API would, without waking us

    awaitStatus(jobId, "completed");
    assertThat(notifications.received()).isGreaterThan(before);
  }

  @Test
  void a_cancellation_requested_through_another_replica_stops_the_calculation_here() {
    await().atMost(Duration.ofSeconds(10)).until(notifications::isConnected);
    String jobId =
        create(scripted("async", null, script("remote-cancel", "await_gate", true)), 202);
    awaitStatus(jobId, "running");
    long before = notifications.received();

    // what another replica's DELETE writes; it cannot reach this replica's memory
    db.tryExecuteOrFail("update job set cancel_requested_at = now() where id = ?", jobId);

    JsonPath cancelled = awaitStatus(jobId, "cancelled");
    assertThat(cancelled.getString("result")).isNull();
    assertThat(notifications.received()).isGreaterThan(before);
  }

  @Test
  void jobs_handed_back_at_shutdown_are_queued_again_at_once_without_spending_an_attempt() {
    String jobId = create(scripted("async", null, script("hand-back", "await_gate", true)), 202);
    awaitStatus(jobId, "running");

    int released = dispatcher.releaseRunningJobs();

    assertThat(released).isGreaterThanOrEqualTo(1);
    // the dispatcher of this (still running) replica picks it up again as a fresh attempt 1
    await().atMost(Duration.ofSeconds(10)).until(() -> Scripts.attempts("hand-back") == 2);
    Scripts.open("hand-back");
    JsonPath done = awaitStatus(jobId, "completed");
    assertThat(done.getInt("attempts")).isEqualTo(1);
    assertThat(done.getList("attempt_errors")).isEmpty();
    assertThat(
            db.rows(
                "select event_type, attempt from job_event where job_id = ? order by id", jobId))
        .extracting(r -> r.get("event_type") + "#" + r.get("attempt"))
        .containsExactly("created#0", "started#1", "released#0", "started#1", "completed#1");
  }
}
