package io.ormcalc.job;

import static io.ormcalc.support.CalculationRequests.aBiaRequest;
import static io.ormcalc.support.CalculationRequests.uniqueEntity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema itself refuses impossible jobs and any rewrite of the audit trail. */
@QuarkusTest
class JobSchemaQuarkusTest {

  static final String CHECK_VIOLATION = "23514";
  static final String INSUFFICIENT_PRIVILEGE = "42501";

  @Inject Database db;

  private String aCompletedJob() {
    return given()
        .contentType(ContentType.JSON)
        .body(aBiaRequest(uniqueEntity()))
        .post("/api/v1/calculation-jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("job_id");
  }

  @Test
  void the_check_constraints_mirror_the_state_machine() {
    String id = aCompletedJob();

    assertThat(db.tryExecute("update job set status = 'done' where id = ?", id))
        .isEqualTo(CHECK_VIOLATION);
    assertThat(db.tryExecute("update job set completed_at = null where id = ?", id))
        .as("a terminal job must have completed_at")
        .isEqualTo(CHECK_VIOLATION);
    assertThat(db.tryExecute("update job set status = 'running' where id = ?", id))
        .as("a running job must not have completed_at")
        .isEqualTo(CHECK_VIOLATION);
    assertThat(db.tryExecute("update job set attempt = max_attempts + 1 where id = ?", id))
        .isEqualTo(CHECK_VIOLATION);
    assertThat(db.tryExecute("update job set result = null where id = ?", id))
        .as("a completed job keeps its result")
        .isEqualTo(CHECK_VIOLATION);
    assertThat(db.tryExecute("update job set priority_rank = 0 where id = ?", id))
        .as("rank follows priority")
        .isEqualTo(CHECK_VIOLATION);
    assertThat(db.tryExecute("update job set progress_percentage = 101 where id = ?", id))
        .isEqualTo(CHECK_VIOLATION);
  }

  @Test
  void the_audit_trail_is_append_only() {
    String id = aCompletedJob();

    assertThat(db.tryExecute("update job_event set actor = 'someone else' where job_id = ?", id))
        .isEqualTo(INSUFFICIENT_PRIVILEGE);
    assertThat(db.tryExecute("delete from job_event where job_id = ?", id))
        .isEqualTo(INSUFFICIENT_PRIVILEGE);
    assertThat(db.tryExecute("truncate job_event")).isEqualTo(INSUFFICIENT_PRIVILEGE);
    assertThat(db.count("select count(*) from job_event where job_id = ?", id)).isEqualTo(3);
  }

  @Test
  void the_claim_list_and_purge_queries_have_their_indexes() {
    assertThat(db.rows("select indexname from pg_indexes where tablename = 'job'"))
        .extracting(r -> r.get("indexname"))
        .contains(
            "job_tenant_claim_idx",
            "job_created_idx",
            "job_entity_created_idx",
            "job_status_created_idx",
            "job_purge_idx");
    assertThat(
            db.row("select indexdef from pg_indexes where indexname = 'job_tenant_claim_idx'")
                .get("indexdef")
                .toString())
        .contains("(tenant_id, ", "'lda'", "priority_rank, run_at, id)", "WHERE", "'queued'");
    for (String listing :
        List.of(
            "job_status_created_idx",
            "job_tenant_status_created_idx",
            "job_status_model_created_idx",
            "job_tenant_status_model_created_idx")) {
      assertThat(
              db.row("select indexdef from pg_indexes where indexname = ?", listing)
                  .get("indexdef")
                  .toString())
          .as("%s holds unfinished jobs only: a completion does not enter it", listing)
          .contains("WHERE ((status)::text <> 'completed'::text)");
    }
  }
}
