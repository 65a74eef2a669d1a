package io.ormcalc.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ormcalc.job.AuditContext;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobError;
import io.ormcalc.job.JobIds;
import io.ormcalc.job.JobInserts;
import io.ormcalc.job.JobInserts.NewJob;
import io.ormcalc.job.JobWriter;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.NamedSql.DatabaseException;
import io.ormcalc.job.Priority;
import io.ormcalc.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * New jobs stored many per statement are stored exactly as each would be alone: the same row, the
 * same trail, the same outbox message and counters; an idempotency key taken within the batch or
 * before skips that job only; a job that breaks a constraint fails alone.
 */
@QuarkusTest
class JobInsertBatchQuarkusTest {

  private static final String HOOK = "http://127.0.0.1:9/hook";

  @Inject JobInserts inserts;
  @Inject JobWriter writer;
  @Inject JobInsertBatcher batcher;
  @Inject Database db;

  private static JobEntity aJob(String tenant) {
    JobEntity job = new JobEntity();
    job.id = JobIds.newJobId();
    job.runId = JobIds.newRunId();
    job.tenantId = tenant;
    job.modelName = ModelName.BIA;
    job.entityId = "BATCH";
    job.calculationDate = LocalDate.of(2024, 12, 31);
    job.requestedExecutionMode = ExecutionMode.ASYNC;
    job.executionMode = ExecutionMode.ASYNC;
    job.estimatedDurationSeconds = new BigDecimal("0.000012");
    job.priority = Priority.HIGH;
    job.maxAttempts = 3;
    job.callbackUrl = HOOK;
    job.inputs = "{\"currency\":\"EUR\",\"annual_gross_income\":[1,2,3]}";
    job.parameters = "{\"alpha\":0.15}";
    job.inputHash = "ab".repeat(32);
    job.engineVersion = "test";
    job.ruleSet = "basel2-bia";
    return job;
  }

  private static AuditContext audit(String who) {
    return new AuditContext(who, "corr-" + who, "127.0.0.7");
  }

  /**
   * The job's row and trail without what differs between any two jobs (ids and times). Of a queued
   * job, which a worker may take at any moment, only what its creation wrote and no worker changes.
   */
  private List<Map<String, Object>> stored(String id, boolean finished) {
    String changing =
        finished
            ? " status, progress_percentage, attempt, started_at is null as unstarted,"
                + " completed_at is null as open, calculated_at is null as uncalculated,"
                + " lease_owner, result, error,"
                + " jsonb_path_query_array(attempt_errors, '$[*].error_code') as errors,"
            : "";
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(
        db.row(
            "select tenant_id, model_name, entity_id, calculation_date, requested_execution_mode,"
                + " execution_mode, estimated_duration_seconds, priority, priority_rank,"
                + changing
                + " max_attempts, callback_url, inputs, parameters, input_hash, engine_version,"
                + " rule_set, correlation_id, idempotency_key, request_hash from job where id = ?",
            id));
    rows.addAll(
        db.rows(
            "select event_type, from_status, to_status, attempt, actor, correlation_id, details,"
                + " tenant_id, client_address from job_event where job_id = ?"
                + (finished ? "" : " and event_type = 'created'")
                + " order by id",
            id));
    if (finished) { // a queued job's message comes when a worker finishes it
      rows.addAll(
          db.rows(
              "select event_type, url, tenant_id, correlation_id from webhook_delivery where"
                  + " job_id = ?",
              id));
    }
    return rows;
  }

  private long counted(String tenant) {
    return db.count("select coalesce(sum(jobs), 0) from job_count where tenant_id = ?", tenant);
  }

  @Test
  void a_batch_stores_each_job_as_its_single_row_form_would() {
    String tenant = "batch-" + System.nanoTime();
    JobError error = new JobError("INVALID_INPUT", "a year is missing", false);
    List<NewJob> batch =
        List.of(
            new NewJob(aJob(tenant), null, null, null, null, audit("alice")),
            new NewJob(aJob(tenant), "key-1", "hash-1", "{\"capital\":1.5}", null, audit("bob")),
            new NewJob(aJob(tenant), null, null, null, error, audit("carol")));

    List<JobEntity> written = inserts.insertAll(batch, "worker:test");

    assertThat(written).extracting(j -> j.id).containsExactlyInAnyOrder(ids(batch));
    for (NewJob n : batch) {
      JobEntity twin = aJob(tenant);
      String key = n.idempotencyKey() == null ? null : n.idempotencyKey() + "-alone";
      if (n.resultJson() == null && n.error() == null) {
        writer.insert(twin, key, n.requestHash(), null, Duration.ZERO, n.audit());
      } else {
        writer.insertFinished(
            twin, key, n.requestHash(), n.resultJson(), n.error(), n.audit(), "worker:test");
      }
      boolean finished = n.resultJson() != null || n.error() != null;
      List<Map<String, Object>> batched = stored(n.job().id, finished);
      List<Map<String, Object>> alone = stored(twin.id, finished);
      batched.get(0).remove("idempotency_key");
      alone.get(0).remove("idempotency_key");
      assertThat(batched).as(n.audit().actor()).isEqualTo(alone);
    }
    assertThat(stored(batch.get(1).job().id, true).get(0)).containsEntry("status", "completed");
    assertThat(stored(batch.get(2).job().id, true).get(0)).containsEntry("status", "failed");
    assertThat(stored(batch.get(2).job().id, true)).hasSize(5); // row, 3 events, outbox message
    assertThat(counted(tenant)).isEqualTo(6);
  }

  @Test
  void a_taken_idempotency_key_skips_that_job_only_within_a_batch_or_before_it() {
    String tenant = "batch-" + System.nanoTime();
    NewJob first = new NewJob(aJob(tenant), "same", "h", null, null, audit("alice"));
    NewJob again = new NewJob(aJob(tenant), "same", "h", null, null, audit("alice"));
    NewJob other = new NewJob(aJob(tenant), "other", "h", null, null, audit("alice"));

    List<JobEntity> written = inserts.insertAll(List.of(first, again, other), "worker:test");
    List<JobEntity> later =
        inserts.insertAll(
            List.of(new NewJob(aJob(tenant), "other", "h", null, null, audit("alice"))),
            "worker:test");

    assertThat(written)
        .extracting(j -> j.id)
        .containsExactlyInAnyOrder(first.job().id, other.job().id);
    assertThat(later).isEmpty();
    assertThat(db.count("select count(*) from job where tenant_id = ?", tenant)).isEqualTo(2);
    assertThat(counted(tenant)).isEqualTo(2);
  }

  @Test
  void concurrent_jobs_share_statements_and_one_that_breaks_a_constraint_fails_alone()
      throws Exception {
    String tenant = "batch-" + System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(24);
    try {
      List<CompletableFuture<Optional<JobEntity>>> stored = new ArrayList<>();
      for (int i = 0; i < 96; i++) {
        JobEntity job = aJob(i == 50 ? "not a tenant!" : tenant);
        NewJob n =
            new NewJob(
                job, null, null, i % 2 == 0 ? "{\"capital\":2}" : null, null, audit("client-" + i));
        stored.add(CompletableFuture.supplyAsync(() -> batcher.store(n), clients));
      }
      Throwable refused = catchThrowable(() -> stored.get(50).join());
      assertThat(refused).hasCauseInstanceOf(DatabaseException.class);
      for (int i = 0; i < stored.size(); i++) {
        if (i != 50) {
          assertThat(stored.get(i).join()).as("job %d", i).isPresent();
        }
      }
    } finally {
      clients.shutdown();
    }
    assertThat(db.count("select count(*) from job where tenant_id = ?", tenant)).isEqualTo(95);
    // jobs of one statement share its transaction's now(): fewer distinct times than jobs
    assertThat(db.count("select count(distinct created_at) from job where tenant_id = ?", tenant))
        .isLessThan(95);
    assertThat(counted(tenant)).isEqualTo(95);
    assertThat(
            db.count(
                "select count(*) from job_event e join job j on j.id = e.job_id"
                    + " where j.tenant_id = ? and e.event_type in ('created', 'completed')",
                tenant))
        .isEqualTo(95 + 47); // the queued ones' inputs are no BIA's: a worker fails them
  }

  private static String[] ids(List<NewJob> batch) {
    return batch.stream().map(n -> n.job().id).toArray(String[]::new);
  }
}
