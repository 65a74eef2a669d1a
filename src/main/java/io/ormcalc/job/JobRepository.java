package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  /** A page of jobs, newest first, after the filter's keyset position. */
  public List<JobEntity> list(JobListFilter filter, int limit) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
    if (filter.tenantId() != null) {
      where.append(" and tenantId = :tenant");
      params.and("tenant", filter.tenantId());
    }
    if (filter.status() != null) {
      where.append(" and status = :status");
      params.and("status", filter.status());
    }
    if (filter.modelName() != null) {
      where.append(" and modelName = :model");
      params.and("model", filter.modelName());
    }
    if (filter.entityId() != null) {
      where.append(" and entityId = :entity");
      params.and("entity", filter.entityId());
    }
    if (filter.createdAfter() != null) {
      where.append(" and createdAt > :createdAfter");
      params.and("createdAfter", filter.createdAfter());
    }
    if (filter.afterId() != null) {
      where.append(" and (createdAt, id) < (:afterCreatedAt, :afterId)");
      params.and("afterCreatedAt", filter.afterCreatedAt()).and("afterId", filter.afterId());
    }
    return find(where + " order by createdAt desc, id desc", params).range(0, limit - 1).list();
  }

  /**
   * The audit trail of a job, oldest first, at most {@code limit} events (index job_event_job_idx).
   */
  public List<JobEvent> events(String jobId, int limit) {
    return JobEvent.find("jobId = ?1 order by id", jobId).range(0, limit - 1).list();
  }
}
