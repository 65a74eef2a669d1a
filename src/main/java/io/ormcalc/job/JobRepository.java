package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/**
 * Reads jobs: by id (Panache), their light status, by idempotency key, in pages, and their trail.
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

  /**
   * The job, if {@code tenantScope} may see it: a tenant sees its own jobs only, and another
   * tenant's job is as absent as a missing one; a null scope (administrators) sees every job.
   */
  public Optional<JobEntity> findVisible(String id, String tenantScope) {
    return findByIdOptional(id).filter(j -> tenantScope == null || tenantScope.equals(j.tenantId));
  }

  /** The light status of a job the scope may see, without loading its inputs or result. */
  public Optional<JobStatusView> findStatus(String id, String tenantScope) {
    TypedQuery<JobStatusView> query =
        getEntityManager()
            .createQuery(
                "select new io.ormcalc.job.JobStatusView(j.id, j.runId, j.status,"
                    + " j.progressPercentage, case when j.result is not null then true else false"
                    + " end, j.attempt, j.nextAttemptAt, j.cancelRequestedAt) from JobEntity j"
                    + " where j.id = :id"
                    + (tenantScope == null ? "" : " and j.tenantId = :tenant"),
                JobStatusView.class)
            .setParameter("id", id);
    if (tenantScope != null) {
      query.setParameter("tenant", tenantScope);
    }
    return query.getResultStream().findFirst();
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
