package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Reads jobs: by id (Panache), their light status, by idempotency key, in pages, and their trail.
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

  /** The light status of a job, without loading its inputs or result. */
  public Optional<JobStatusView> findStatus(String id) {
    return getEntityManager()
        .createQuery(
            "select new io.ormcalc.job.JobStatusView(j.id, j.runId, j.status,"
                + " j.progressPercentage, case when j.result is not null then true else false end,"
                + " j.attempt, j.nextAttemptAt, j.cancelRequestedAt) from JobEntity j where j.id = :id",
            JobStatusView.class)
        .setParameter("id", id)
        .getResultStream()
        .findFirst();
  }

  public Optional<JobEntity> findByIdempotencyKey(String key) {
    return find("idempotencyKey", key).firstResultOptional();
  }

  /** A page of jobs, newest first, after the filter's keyset position. */
  public List<JobEntity> list(JobListFilter filter, int limit) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
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

  /** The audit trail of a job, oldest first. */
  public List<JobEvent> events(String jobId) {
    return JobEvent.list("jobId = ?1 order by id", jobId);
  }
}
