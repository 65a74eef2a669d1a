package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The list rows of jobs the database announced as changed ({@code ormcalc_job_changed} carries only
 * their ids and statuses): one read per announcement, made only by a replica with live dashboard
 * streams open. Each row is a small JSON object named as in the API: job_id, tenant_id, status,
 * progress_percentage, model_name, entity_id, priority, attempts, created_at; never inputs or
 * results.
 */
@ApplicationScoped
public class JobFeed {

  private static final NamedSql ROWS =
      NamedSql.of(
          """
          select json_build_object('job_id', id, 'tenant_id', tenant_id, 'status', status,
            'progress_percentage', progress_percentage, 'model_name', model_name,
            'entity_id', entity_id, 'priority', priority, 'attempts', attempt,
            'created_at', created_at)::text
          from job where id = any(string_to_array(:ids, ','))
          """);

  private final DataSource db;

  public JobFeed(DataSource db) {
    this.db = db;
  }

  /** The rows of the jobs that still exist, as JSON text. */
  public List<String> rows(List<String> jobIds) {
    if (jobIds.isEmpty()) {
      return List.of();
    }
    return ROWS.query(db, Map.of("ids", String.join(",", jobIds)), r -> r.getString(1));
  }
}
