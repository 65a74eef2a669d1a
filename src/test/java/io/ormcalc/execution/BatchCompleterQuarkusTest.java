package io.ormcalc.execution;

import static io.ormcalc.support.Jobs.JOBS;
import static io.ormcalc.support.Jobs.create;
import static io.ormcalc.support.Jobs.script;
import static io.ormcalc.support.Jobs.scripted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.job.AuditContext;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobWriter;
import io.ormcalc.job.JobWriter.Completion;
import io.ormcalc.job.JobWriter.Holder;
import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.JobRows;
import io.ormcalc.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The batch completer's statement keeps every guarantee of the single completion: guarded by
 * attempt and lease owner per job (a stale holder is refused inside a batch while the others are
 * recorded), with the same audit event, outbox message and counters as the single write; and the
 * statement-level counters stay exact after a mixed run.
 */
@QuarkusTest
class BatchCompleterQuarkusTest {

  private static final String OWNER = "completer-test";
  private static final String ACTOR = "worker:" + OWNER;
  private static final String HOOK = "http://127.0.0.1:9/hook";

  @Inject JobWriter writer;
  @Inject Database db;
  @Inject Completer completer;

  /** Rows of job_count and of the job table that disagree, read in one snapshot. */
  private long counterMismatches() {
    return db.count(
        "select count(*) from"
            + " (select tenant_id, status, priority, sum(jobs) as n from job_count"
            + "  group by 1, 2, 3 having sum(jobs) <> 0) c"
            + " full join (select tenant_id, status, priority, count(*) as n from job"
            + "  group by 1, 2, 3) j using (tenant_id, status, priority)"
            + " where c.n is distinct from j.n");
  }

  private Map<String, Object> event(String jobId) {
    return db.row(
        "select event_type, from_status, to_status, attempt, actor, correlation_id, details,"
            + " tenant_id, client_address from job_event where job_id = ? and event_type ="
            + " 'completed'",
        jobId);
  }

  /** The outbox message as written (not its delivery state: a sender may be at it already). */
  private Map<String, Object> message(String jobId) {
    return db.row(
        "select event_type, url, tenant_id, correlation_id is null as uncorrelated"
            + " from webhook_delivery where job_id = ?",
        jobId);
  }

  @Test
  void a_stale_holder_is_refused_within_a_batch_while_the_others_are_recorded() {
    String first = JobRows.aRunningJob(OWNER, 30).calling(HOOK).insert(db);
    String second = JobRows.aRunningJob(OWNER, 30).insert(db);
    String staleAttempt = JobRows.aRunningJob(OWNER, 30).onAttempt(2, 3).insert(db);
    String takenOver = JobRows.aRunningJob("another-replica", 30).insert(db);
    long completedBefore =
        db.count("select coalesce(sum(jobs), 0) from job_count where status = 'completed'");

    List<JobEntity> recorded =
        writer.completeAll(
            OWNER,
            List.of(
                new Completion(first, 1, "{\"n\":1}"),
                new Completion(staleAttempt, 1, "{\"n\":3}"),
                new Completion(second, 1, "{\"n\":2}"),
                new Completion(takenOver, 1, "{\"n\":4}")),
            ACTOR);

    assertThat(recorded.stream().map(j -> j.id)).containsExactlyInAnyOrder(first, second);
    assertThat(recorded).allSatisfy(j -> assertThat(j.leaseOwner).isNull());
    assertThat(db.row("select status, result::text as r from job where id = ?", first))
        .containsEntry("status", "completed")
        .containsEntry("r", "{\"n\":1}");
    for (String refused : List.of(staleAttempt, takenOver)) {
      assertThat(db.row("select status from job where id = ?", refused))
          .containsEntry("status", "running");
      assertThat(db.count("select count(*) from job_event where job_id = ?", refused)).isZero();
    }
    assertThat(db.count("select count(*) from job_event where job_id = ?", first)).isEqualTo(1);
    assertThat(message(first)).containsEntry("event_type", "calculation_job.completed");
    assertThat(db.count("select count(*) from webhook_delivery where job_id = ?", second)).isZero();
    assertThat(db.count("select coalesce(sum(jobs), 0) from job_count where status = 'completed'"))
        .isEqualTo(completedBefore + 2);
    assertThat(counterMismatches()).isZero();
  }

  @Test
  void a_batched_completion_writes_the_same_audit_outbox_and_counters_as_a_single_one() {
    String single = JobRows.aRunningJob(OWNER, 30).calling(HOOK).insert(db);
    String batched = JobRows.aRunningJob(OWNER, 30).calling(HOOK).insert(db);

    writer.complete(single, new Holder(1, OWNER), "{\"x\":1}", new AuditContext(ACTOR, null));
    writer.completeAll(OWNER, List.of(new Completion(batched, 1, "{\"x\":1}")), ACTOR);

    Map<String, Object> one = event(single);
    Map<String, Object> other = event(batched);
    assertThat(other).isEqualTo(one);
    assertThat(message(batched)).isEqualTo(message(single));
    Map<String, Object> rowSingle =
        db.row(
            "select status, progress_percentage, result::text as r, lease_owner, lease_expires_at,"
                + " completed_at is not null as done, calculated_at is not null as calculated"
                + " from job where id = ?",
            single);
    Map<String, Object> rowBatched =
        db.row(
            "select status, progress_percentage, result::text as r, lease_owner, lease_expires_at,"
                + " completed_at is not null as done, calculated_at is not null as calculated"
                + " from job where id = ?",
            batched);
    assertThat(rowBatched).isEqualTo(rowSingle);
    assertThat(counterMismatches()).isZero();
  }

  @Test
  void the_statement_level_counters_are_exact_after_a_mixed_run() {
    // synchronous (stored finished in one statement), asynchronous (claimed and batch-completed),
    // retried, permanently failed, cancelled while queued, and purged
    for (int i = 0; i < 5; i++) {
      Map<String, Object> sync =
          CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
      sync.put("execution_mode", "sync");
      sync.put("priority", i % 2 == 0 ? "high" : "low");
      create(sync, 201);
    }
    List<String> async =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(
                i -> {
                  Map<String, Object> body =
                      CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
                  body.put("execution_mode", "async");
                  return create(body, 202);
                })
            .collect(Collectors.toList());
    String retried =
        create(scripted("async", "urgent", script("mixed-retry", "fail_times", 1)), 202);
    String failed =
        create(scripted("async", null, script("mixed-fail", "fail_permanently", true)), 202);
    String queued = JobRows.aQueuedJob().dueIn("1 day").insert(db);
    given().delete(JOBS + "/" + queued).then().statusCode(202);

    async.forEach(id -> Jobs.awaitStatus(id, "completed"));
    Jobs.awaitStatus(retried, "completed");
    Jobs.awaitStatus(failed, "failed");
    assertThat(completer.pending()).isZero();
    assertThat(counterMismatches()).isZero();

    // the purge's deletes (of jobs finished long ago: recent outcomes stay counted by minute)
    String[] old =
        java.util.stream.IntStream.range(0, 10)
            .mapToObj(i -> JobRows.aJobCompleted("48 hours").insert(db))
            .toArray(String[]::new);
    assertThat(counterMismatches()).isZero();
    db.tryExecuteOrFail("delete from job where id = any(?)", (Object) old);
    assertThat(counterMismatches()).isZero();
    assertThat(
            db.count(
                "select count(*) from job_event where job_id = any(?) and event_type = 'completed'",
                (Object) async.toArray(String[]::new)))
        .isEqualTo(20);
  }
}
