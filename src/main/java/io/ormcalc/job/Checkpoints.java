package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Saved states of running calculations ({@code lda_checkpoint}), one per job: written only while
 * the writer holds the job's lease for that attempt, read back only by the engine version that
 * wrote it (another version's state may not mean the same), dropped when the job ends.
 */
@ApplicationScoped
public class Checkpoints {

  private static final NamedSql SAVE =
      NamedSql.of(
          """
          insert into lda_checkpoint (job_id, engine_version, attempt, state, saved_by)
          select :id, :engine, :attempt, :state, :owner
          where exists (select 1 from job where id = :id and status = 'running'
            and lease_owner = :owner and attempt = :attempt)
          on conflict (job_id) do update set engine_version = excluded.engine_version,
            attempt = excluded.attempt, state = excluded.state, saved_at = now(),
            saved_by = excluded.saved_by
          """);

  private static final NamedSql LOAD =
      NamedSql.of(
          "select state from lda_checkpoint where job_id = :id and engine_version = :engine");

  private static final NamedSql DROP = NamedSql.of("delete from lda_checkpoint where job_id = :id");

  private final DataSource db;

  public Checkpoints(DataSource db) {
    this.db = db;
  }

  /** Saves the state of the attempt {@code owner} runs; false when it no longer holds the job. */
  public boolean save(String jobId, int attempt, String owner, String engine, byte[] state) {
    Map<String, Object> values = new HashMap<>();
    values.put("id", jobId);
    values.put("attempt", attempt);
    values.put("owner", owner);
    values.put("engine", engine);
    values.put("state", state);
    return SAVE.update(db, values) == 1;
  }

  /** The state saved for the job by this engine version, if any. */
  public Optional<byte[]> load(String jobId, String engine) {
    List<byte[]> rows = LOAD.query(db, Map.of("id", jobId, "engine", engine), r -> r.getBytes(1));
    return rows.stream().findFirst();
  }

  public void drop(String jobId) {
    DROP.update(db, Map.of("id", jobId));
  }
}
