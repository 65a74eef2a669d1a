package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Map;

/**
 * Reads jobs and changes their state. Every change is one guarded UPDATE ({@code WHERE id = ? AND
 * status = ? [AND attempt = ?]}) that first passes {@link JobStatus#checkTransitionTo}, and every
 * change appends a {@link JobEvent} in the same transaction. Callers hold the transaction.
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

  /** Inserts a new queued job with its {@code created} event. */
  public void insertQueued(JobEntity job, AuditContext audit, String details) {
    job.status = JobStatus.QUEUED;
    persist(job);
    appendEvent(job.id, "created", null, JobStatus.QUEUED, 0, audit, details);
  }

  /**
   * queued → running: counts an attempt and stamps {@code started_at}.
   *
   * @return the attempt number now running, or -1 when the job was no longer queued
   */
  public int start(String id, AuditContext audit) {
    return transition(
        id,
        JobStatus.QUEUED,
        JobStatus.RUNNING,
        null,
        "started_at = now(), attempt = attempt + 1, next_attempt_at = null",
        Map.of(),
        "started",
        audit,
        null);
  }

  /** running → completed with its result, if this attempt still owns the job. */
  public boolean complete(String id, int attempt, String resultJson, AuditContext audit) {
    return transition(
            id,
            JobStatus.RUNNING,
            JobStatus.COMPLETED,
            attempt,
            "completed_at = now(), calculated_at = now(), progress_percentage = 100,"
                + " result = cast(:result as json)",
            Map.of("result", resultJson),
            "completed",
            audit,
            null)
        > 0;
  }

  /**
   * running → failed, keeping the error and appending it, stamped with database time, to the
   * attempt history, if this attempt still owns the job.
   */
  public boolean fail(String id, int attempt, JobError error, AuditContext audit) {
    return transition(
            id,
            JobStatus.RUNNING,
            JobStatus.FAILED,
            attempt,
            "completed_at = now(),"
                + " error = jsonb_build_object('error_code', cast(:code as text),"
                + " 'message', cast(:message as text), 'retryable', cast(:retryable as boolean)),"
                + " attempt_errors = attempt_errors || jsonb_build_array(jsonb_build_object("
                + "'attempt', attempt, 'at', "
                + "to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
                + " 'error_code', cast(:code as text), 'message', cast(:message as text)))",
            Map.of(
                "code", error.errorCode(),
                "message", error.message(),
                "retryable", error.retryable()),
            "failed",
            audit,
            null)
        > 0;
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

  private int transition(
      String id,
      JobStatus from,
      JobStatus to,
      Integer attempt,
      String assignments,
      Map<String, Object> values,
      String eventType,
      AuditContext audit,
      String details) {
    from.checkTransitionTo(to);
    String sql =
        "update job set status = :to, "
            + assignments
            + " where id = :id and status = :from"
            + (attempt != null ? " and attempt = :attempt" : "")
            + " returning attempt";
    Query query =
        getEntityManager()
            .createNativeQuery(sql)
            .setParameter("to", to.toString())
            .setParameter("from", from.toString())
            .setParameter("id", id);
    if (attempt != null) {
      query.setParameter("attempt", attempt);
    }
    values.forEach(query::setParameter);
    List<?> rows = query.getResultList();
    if (rows.isEmpty()) {
      return -1;
    }
    int newAttempt = ((Number) rows.get(0)).intValue();
    appendEvent(id, eventType, from, to, newAttempt, audit, details);
    return newAttempt;
  }

  private void appendEvent(
      String jobId,
      String type,
      JobStatus from,
      JobStatus to,
      Integer attempt,
      AuditContext audit,
      String details) {
    JobEvent event = new JobEvent();
    event.jobId = jobId;
    event.eventType = type;
    event.fromStatus = from;
    event.toStatus = to;
    event.attempt = attempt;
    event.actor = audit.actor();
    event.correlationId = audit.correlationId();
    event.details = details;
    event.persist();
  }
}
