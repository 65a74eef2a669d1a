package io.ormcalc.execution;

import static io.ormcalc.support.JobRows.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobQueue;
import io.ormcalc.job.TenantsConfig;
import io.ormcalc.support.Database;
import io.ormcalc.support.Scripts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fair share between tenants, in the claim statement: tenants take turns within a priority, by
 * weight; a tenant's concurrency limit holds; one tenant's backlog does not delay another's job.
 */
@QuarkusTest
@TestProfile(FairShareQuarkusTest.Tenants.class)
class FairShareQuarkusTest {

  /** Tenant {@code heavy} weighs 3; tenant {@code capped} runs 2 jobs at most. */
  public static class Tenants implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ormcalc.tenants.tenant.\"heavy\".weight", "3",
          "ormcalc.tenants.tenant.\"capped\".max-running", "2");
    }
  }

  @Inject Database db;
  @Inject JobQueue queue;
  @Inject TenantsConfig tenants;
  @Inject Dispatcher dispatcher;

  @Test
  void the_claim_takes_the_most_urgent_first_then_tenants_in_turn_by_weight() {
    List<JobEntity> locked = new ArrayList<>();
    QuarkusTransaction.begin();
    try {
      // uncommitted: no dispatcher sees these jobs; other tenants' queued jobs are paused here
      db.tryExecuteOrFail(
          "insert into dispatch_pause (scope, value, paused_by)"
              + " select distinct 'tenant', tenant_id, 'test' from job where status = 'queued'");
      for (int i = 0; i < 60; i++) {
        aQueuedJob().forTenant("heavy").insert(db);
        aQueuedJob().forTenant("light").insert(db);
      }
      for (int i = 0; i < 3; i++) {
        aQueuedJob().forTenant("light").at("urgent").insert(db);
      }
      locked.addAll(queue.lockDue(40, 0, JobQueue.Shares.of(tenants)).instant());
    } finally {
      QuarkusTransaction.rollback();
    }

    assertThat(locked).hasSize(40);
    assertThat(locked.subList(0, 3)).allMatch(j -> j.priority.toString().equals("urgent"));
    assertThat(locked.subList(3, 11).stream().map(j -> j.tenantId))
        .as("normal priority: three turns of heavy to one of light")
        .containsExactlyInAnyOrder(
            "heavy", "heavy", "heavy", "heavy", "heavy", "heavy", "light", "light");
    assertThat(locked.stream().filter(j -> j.tenantId.equals("heavy"))).hasSize(30);
    assertThat(locked.stream().filter(j -> j.tenantId.equals("light"))).hasSize(10);
  }

  @Test
  void a_tenants_job_starts_at_the_next_claim_behind_another_tenants_backlog() {
    db.tryExecuteOrFail(
        "insert into job (id, tenant_id, run_id, model_name, entity_id, calculation_date,"
            + " requested_execution_mode, execution_mode, priority, priority_rank, status,"
            + " max_attempts, run_at, inputs, parameters, input_hash, engine_version, rule_set)"
            + " select 'job_' || lpad(to_hex(i), 26, '0'), 'bank-a', 'run_' || lpad(to_hex(i), 26,"
            + " '0'), 'bia', 'BACKLOG', date '2024-12-31', 'async', 'async', 'normal', 2, 'queued',"
            + " 3, now() - interval '1 minute', inputs, '{}', repeat('0', 64), 'test', 'BASEL_II'"
            + " from generate_series(1, 20000) i, (select cast(? as json) as inputs) x",
        BIA);
    String theirs = aQueuedJob().forTenant("bank-b").insert(db);
    dispatcher.wake();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "completed"
                    .equals(db.row("select status from job where id = ?", theirs).get("status")));
    long backlogLeft =
        db.count("select count(*) from job where tenant_id = 'bank-a' and status = 'queued'");
    assertThat(backlogLeft)
        .as("bank-b's job went first, not after bank-a's 20,000 older jobs of its priority")
        .isGreaterThan(10_000);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                db.count(
                        "select count(*) from job where tenant_id = 'bank-a' and status = 'queued'")
                    == 0);
  }

  @Test
  void a_tenant_never_runs_more_jobs_at_once_than_its_limit() {
    Scripts.resetMaxRunning();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(
          aQueuedJob()
              .forTenant("capped")
              .scripted("{\"name\": \"capped-" + i + "\", \"await_gate\": true}")
              .insert(db));
    }
    dispatcher.wake();
    await().atMost(Duration.ofSeconds(10)).until(() -> Scripts.running() == 2);
    // claims keep coming (a poll every 200 ms): still two
    for (int i = 0; i < 5; i++) {
      dispatcher.wake();
      pause(100);
      assertThat(runningOf("capped")).isEqualTo(2);
    }

    for (int i = 0; i < 6; i++) {
      Scripts.open("capped-" + i); // the gates of jobs still queued too
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                db.count(
                        "select count(*) from job where tenant_id = 'capped'"
                            + " and status = 'completed'")
                    == 6);
    assertThat(Scripts.maxRunning()).isEqualTo(2);
  }

  private long runningOf(String tenant) {
    return db.count("select count(*) from job where tenant_id = ? and status = 'running'", tenant);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final String BIA =
      "{\"annual_gross_income\":[{\"year\":2022,\"amount\":130},{\"year\":2023,\"amount\":-60},"
          + "{\"year\":2024,\"amount\":230}]}";
}
