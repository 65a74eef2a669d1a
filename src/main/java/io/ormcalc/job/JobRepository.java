package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads jobs: by id and their light status (plain JDBC: the API's hot reads), by idempotency key,
 * in pages, and their trail.
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

  private static final NamedSql BY_ID = NamedSql.of("select * from job where id = :id");

  private static final String STATUS_COLUMNS =
      "select id, run_id, status, progress_percentage, result is not null, attempt,"
          + " next_attempt_at, cancel_requested_at from job where id = :id";
  private static final NamedSql STATUS = NamedSql.of(STATUS_COLUMNS);
  private static final NamedSql TENANT_STATUS =
      NamedSql.of(STATUS_COLUMNS + " and tenant_id = :tenant");

  @Inject DataSource db;

  /**
   * The job, if {@code tenantScope} may see it: a tenant sees its own jobs only, and another
   * tenant's job is as absent as a missing one; a null scope (administrators) sees every job. One
   * prepared statement, no entity hydration.
   */
  public Optional<JobEntity> findVisible(String id, String tenantScope) {
    return BY_ID.query(db, Map.of("id", id), JobRows::job).stream()
        .filter(j -> tenantScope == null || tenantScope.equals(j.tenantId))
        .findFirst();
  }

  /** The light status of a job the scope may see, without loading its inputs or result. */
  public Optional<JobStatusView> findStatus(String id, String tenantScope) {
    NamedSql statement = tenantScope == null ? STATUS : TENANT_STATUS;
    Map<String, Object> values = new HashMap<>();
    values.put("id", id);
    if (tenantScope != null) {
      values.put("tenant", tenantScope);
    }
    return statement
        .query(
            db,
            values,
            r ->
                new JobStatusView(
                    r.getString(1),
                    r.getString(2),
                    JobRows.status(r.getString(3)),
                    r.getBigDecimal(4),
                    r.getBoolean(5),
                    r.getInt(6),
                    JobRows.instant(r, "next_attempt_at"),
                    JobRows.instant(r, "cancel_requested_at")))
        .stream()
        .findFirst();
  }

  /** The tenant's job created with this idempotency key; keys are scoped per tenant. */
  public Optional<JobEntity> findByIdempotencyKey(String tenant, String key) {
    return find("tenantId = ?1 and idempotencyKey = ?2", tenant, key).firstResultOptional();
  }

  /**
   * A page of jobs, newest first, after the filter's keyset position (plain JDBC). The status is
   * written into the statement as a literal, not bound: a listing by an unfinished status reads the
   * small partial index of unfinished jobs (schema V8), which the planner can only choose when it
   * sees the value (a generic plan for a parameter cannot), and a listing of completed jobs walks
   * the creation-order index, where nearly every row matches. The literal comes from the enum,
   * never from the request's text.
   */
  public List<JobEntity> list(JobListFilter filter, int limit) {
    StringBuilder sql = new StringBuilder("select * from job where true");
    Map<String, Object> values = new HashMap<>();
    if (filter.tenantId() != null) {
      sql.append(" and tenant_id = :tenant");
      values.put("tenant", filter.tenantId());
    }
    if (filter.status() != null) {
      sql.append(" and status = '").append(filter.status()).append('\'');
    }
    if (filter.modelName() != null) {
      sql.append(" and model_name = :model");
      values.put("model", filter.modelName().toString());
    }
    if (filter.entityId() != null) {
      sql.append(" and entity_id = :entity");
      values.put("entity", filter.entityId());
    }
    if (filter.createdAfter() != null) {
      sql.append(" and created_at > :createdAfter");
      values.put("createdAfter", timestamp(filter.createdAfter()));
    }
    if (filter.afterId() != null) {
      sql.append(" and (created_at, id) < (:afterCreatedAt, :afterId)");
      values.put("afterCreatedAt", timestamp(filter.afterCreatedAt()));
      values.put("afterId", filter.afterId());
    }
    sql.append(" order by created_at desc, id desc limit :limit");
    values.put("limit", limit);
    return NamedSql.of(sql.toString()).query(db, values, JobRows::job);
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * The audit trail of a job, oldest first, at most {@code limit} events (index job_event_job_idx).
   */
  public List<JobEvent> events(String jobId, int limit) {
    return JobEvent.find("jobId = ?1 order by id", jobId).range(0, limit - 1).list();
  }
}
