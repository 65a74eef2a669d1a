package io.ormcalc.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The claim walks the claim index in claim order, per tenant and lane, even when the statistics say
 * the queue is empty: the state of a table that a burst filled before autovacuum analysed it.
 * Checked on a copy of the job table with the same indexes, created and filled in a transaction
 * that is rolled back, so that no statistics exist for it and no replica of the test sees it.
 */
@QuarkusTest
class ClaimPlanQuarkusTest {

  @Inject JobQueue queue;
  @Inject DataSource db;

  @Test
  void a_burst_into_an_unanalysed_table_is_claimed_through_the_claim_index() throws Exception {
    List<String> usual = new ArrayList<>();
    List<String> claim = new ArrayList<>();
    QuarkusTransaction.begin();
    try {
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.execute("create schema claim_plan_check");
        s.execute("create table claim_plan_check.job (like public.job including all)");
        s.execute("set local search_path = claim_plan_check, public");
        s.execute(
            """
            insert into job (id, run_id, tenant_id, model_name, entity_id, calculation_date,
              requested_execution_mode, execution_mode, priority, priority_rank, status,
              max_attempts, run_at, inputs, parameters, input_hash, engine_version, rule_set)
            select 'job_' || lpad(to_hex(i), 26, '0'), 'run_' || lpad(to_hex(i), 26, '0'),
              't' || (i % 3), 'bia', 'PLAN', date '2024-12-31', 'async', 'async', 'normal', 2,
              'queued', 3, now() - interval '1 minute', '{}'::json, '{}'::json,
              repeat('0', 64), 'test', 'BASEL_II'
            from generate_series(1, 20000) i
            """);
        usual.addAll(
            lines(
                s,
                "explain select * from job where status = 'queued' and tenant_id = 't1'"
                    + " and (model_name = 'lda')::int = 0 and run_at <= now()"
                    + " order by priority_rank, run_at, id limit 50 for update skip locked"));
      }
      claim.addAll(
          queue.lockDuePlan(
              50,
              5,
              new JobQueue.Shares(
                  new String[0], new Integer[0], new String[0], new Integer[0], null)));
    } finally {
      QuarkusTransaction.rollback();
    }

    assertThat(String.join("\n", usual))
        .as("the planner's own choice on a table it believes empty: every due job sorted")
        .contains("Sort");
    List<String> walks = new ArrayList<>();
    for (int i = 0; i + 1 < claim.size(); i++) {
      if (claim.get(i).contains("LockRows")) {
        walks.add(claim.get(i + 1).trim());
      }
    }
    assertThat(walks)
        .as("the claim's plan: each lane's walk, per tenant, the claim index in order")
        .hasSize(2)
        .allMatch(walk -> walk.startsWith("->  Index Scan using job_tenant_id_"), "index walks");
  }

  private static List<String> lines(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }
}
