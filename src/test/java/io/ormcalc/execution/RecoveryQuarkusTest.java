package io.ormcalc.execution;

import static io.ormcalc.support.JobRows.aRunningJob;
import static io.ormcalc.support.Jobs.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.maintenance.RescueExpiredLeasesTask;
import io.ormcalc.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Jobs left running by a process that stopped are re-queued and finish; none stays "running" for a
 * dead replica.
 */
@QuarkusTest
class RecoveryQuarkusTest {

  @Inject Database db;
  @Inject JobStore store;
  @Inject InstanceId instance;
  @Inject RescueExpiredLeasesTask rescuer;

  @Test
  void a_job_left_running_by_this_replica_before_a_restart_is_rescued_at_start_and_finishes() {
    // this replica's name, a lease still valid, but nothing here runs it: the process restarted
    String jobId = aRunningJob(instance.get(), 600).insert(db);

    int rescued = store.rescue(instance.get(), 500, "rescuer:test"); // what start-up runs

    assertThat(rescued).isGreaterThanOrEqualTo(1);
    JsonPath done = awaitStatus(jobId, "completed");
    assertThat(done.getInt("attempts")).isEqualTo(2);
    assertThat(done.getList("attempt_errors.error_code")).containsExactly("LEASE_EXPIRED");
    assertThat(db.rows("select event_type from job_event where job_id = ? order by id", jobId))
        .extracting(r -> r.get("event_type"))
        .containsExactly("rescued", "started", "completed");
  }

  @Test
  void a_job_whose_replica_stopped_renewing_its_lease_is_rescued_and_finishes_here() {
    String jobId = aRunningJob("replica-that-died", -5).insert(db);

    rescuer.run();

    assertThat(awaitStatus(jobId, "completed").getInt("attempts")).isEqualTo(2);
  }

  @Test
  void a_lost_job_with_no_attempts_left_fails_instead_of_running_again() {
    String jobId = aRunningJob("replica-that-died", -5).onAttempt(3, 3).insert(db);

    rescuer.run();

    JsonPath failed = awaitStatus(jobId, "failed");
    assertThat(failed.getString("error.error_code")).isEqualTo("LEASE_EXPIRED");
    assertThat(failed.getInt("attempts")).isEqualTo(3);
  }

  @Test
  void a_job_whose_replicas_stopped_under_it_twice_in_a_row_is_quarantined_with_the_evidence() {
    String jobId = aRunningJob("second-replica-it-killed", -5).onAttempt(2, 3).insert(db);
    lostBefore(jobId, "LEASE_EXPIRED");

    rescuer.run();

    JsonPath failed = awaitStatus(jobId, "failed");
    assertThat(failed.getString("error.error_code")).isEqualTo("POISON_JOB");
    assertThat(failed.getBoolean("error.retryable")).isFalse();
    assertThat(failed.getString("error.message")).contains("last 2 attempts");
    assertThat(failed.getList("error.lost_attempts.attempt")).containsExactly(1, 2);
    assertThat(failed.getString("error.lost_attempts[1].message"))
        .contains("second-replica-it-killed");
    assertThat(failed.getInt("attempts")).isEqualTo(2);
    assertThat(db.rows("select event_type from job_event where job_id = ? order by id", jobId))
        .extracting(r -> r.get("event_type"))
        .containsExactly("failed");
  }

  @Test
  void an_attempt_that_ended_otherwise_breaks_the_row_of_lost_attempts() {
    String jobId = aRunningJob("replica-that-died", -5).onAttempt(2, 3).insert(db);
    lostBefore(jobId, "LEASE_EXPIRED", "IO_ERROR");

    rescuer.run();

    JsonPath done = awaitStatus(jobId, "completed");
    assertThat(done.getList("attempt_errors.error_code"))
        .containsExactly("LEASE_EXPIRED", "IO_ERROR", "LEASE_EXPIRED");
  }

  /** Gives the job earlier attempts that ended with these codes. */
  private void lostBefore(String jobId, String... codes) {
    StringBuilder errors = new StringBuilder("[");
    for (int i = 0; i < codes.length; i++) {
      errors.append(i == 0 ? "" : ",").append("{\"attempt\": 1, \"error_code\": \"");
      errors.append(codes[i]).append("\", \"message\": \"replica r").append(i);
      errors.append(" stopped\"}");
    }
    db.tryExecuteOrFail(
        "update job set attempt_errors = cast(? as jsonb) where id = ?",
        errors.append("]").toString(),
        jobId);
  }

  @Test
  void a_job_another_live_replica_holds_is_left_alone() {
    String jobId = aRunningJob("replica-alive-elsewhere", 600).insert(db);

    rescuer.run();

    assertThat(db.row("select status, lease_owner from job where id = ?", jobId))
        .containsEntry("status", "running")
        .containsEntry("lease_owner", "replica-alive-elsewhere");
    db.tryExecuteOrFail(
        "update job set lease_expires_at = now() - interval '1 second' where id = ?", jobId);
  }
}
