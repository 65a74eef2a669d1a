package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads jobs and changes their state.
 *
 * <p>Every write is one SQL statement that changes the job and appends its {@link JobEvent}
 * together (a data-modifying CTE), so no code path can change a job without its audit row, and a
 * change costs one round trip. Every state change is a guarded UPDATE ({@code WHERE id = ? AND
 * status = ? [AND attempt = ?]}) that first passes {@link JobStatus#checkTransitionTo}; a worker
 * whose attempt is stale changes nothing. Times are database times ({@code now()}). Callers hold
 * the transaction.
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<JobEntity, String> {

  private static final String INSERT =
      """
      with j as (
        insert into job (id, run_id, model_name, entity_id, calculation_date,
          requested_execution_mode, execution_mode, estimated_duration_seconds, priority,
          priority_rank, status, progress_percentage, attempt, max_attempts, started_at,
          callback_url, inputs, parameters, attempt_errors, input_hash, engine_version, rule_set,
          correlation_id)
        values (:id, :runId, :model, :entity, :calculationDate, :requestedMode, :mode,
          :estimate, :priority, :rank, :status, 0, :attempt, :maxAttempts,
          case when :status = 'running' then now() end, :callbackUrl, cast(:inputs as json),
          cast(:parameters as json), '[]'::jsonb, :inputHash, :engineVersion, :ruleSet,
          :correlationId)
        returning id)
      insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,
        correlation_id)
      select id, 'created', null, 'queued', 0, :actor, :correlationId from j
      union all
      select id, 'started', 'queued', 'running', 1, :actor, :correlationId from j
        where :status = 'running'
      """;

  /**
   * Inserts a new job with its {@code created} event. With {@code startNow} the job is claimed by
   * its creator at once (a synchronous job): it is stored running, attempt 1, and its trail shows
   * created → queued → running, all in the one statement.
   */
  public void insert(JobEntity job, boolean startNow, AuditContext audit) {
    JobStatus status = JobStatus.QUEUED;
    if (startNow) {
      status.checkTransitionTo(JobStatus.RUNNING);
      status = JobStatus.RUNNING;
    }
    Query insert =
        getEntityManager()
            .createNativeQuery(INSERT)
            .setParameter("id", job.id)
            .setParameter("runId", job.runId)
            .setParameter("model", job.modelName.toString())
            .setParameter("entity", job.entityId)
            .setParameter("calculationDate", job.calculationDate)
            .setParameter("requestedMode", job.requestedExecutionMode.toString())
            .setParameter("mode", job.executionMode.toString())
            .setParameter("estimate", job.estimatedDurationSeconds)
            .setParameter("priority", job.priority.toString())
            .setParameter("rank", job.priority.rank())
            .setParameter("status", status.toString())
            .setParameter("attempt", startNow ? 1 : 0)
            .setParameter("maxAttempts", job.maxAttempts)
            .setParameter("callbackUrl", job.callbackUrl)
            .setParameter("inputs", job.inputs)
            .setParameter("parameters", job.parameters)
            .setParameter("inputHash", job.inputHash)
            .setParameter("engineVersion", job.engineVersion)
            .setParameter("ruleSet", job.ruleSet)
            .setParameter("correlationId", audit.correlationId())
            .setParameter("actor", audit.actor());
    insert.executeUpdate();
  }

  /** running → completed with its result, if this attempt still owns the job. */
  public Optional<JobEntity> complete(
      String id, int attempt, String resultJson, AuditContext audit) {
    return transition(
        id,
        JobStatus.RUNNING,
        JobStatus.COMPLETED,
        attempt,
        "completed_at = now(), calculated_at = now(), progress_percentage = 100,"
            + " result = cast(:result as json)",
        Map.of("result", resultJson),
        "completed",
        audit);
  }

  /**
   * running → failed, keeping the error and appending it, stamped with database time, to the
   * attempt history, if this attempt still owns the job.
   */
  public Optional<JobEntity> fail(String id, int attempt, JobError error, AuditContext audit) {
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
        audit);
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

  /**
   * One guarded state change and its event in one statement.
   *
   * @return the job as it now is, or empty when the guard did not match (the job was no longer in
   *     {@code from}, or a newer attempt owns it)
   */
  private Optional<JobEntity> transition(
      String id,
      JobStatus from,
      JobStatus to,
      Integer attempt,
      String assignments,
      Map<String, Object> values,
      String eventType,
      AuditContext audit) {
    from.checkTransitionTo(to);
    String sql =
        "with t as (update job set status = :to, "
            + assignments
            + " where id = :id and status = :from"
            + (attempt != null ? " and attempt = :attempt" : "")
            + " returning *),"
            + " e as (insert into job_event (job_id, event_type, from_status, to_status, attempt,"
            + " actor, correlation_id, details)"
            + " select id, :eventType, :from, :to, attempt, :actor, :correlationId, error from t)"
            + " select * from t";
    EntityManager em = getEntityManager();
    Query query =
        em.createNativeQuery(sql, JobEntity.class)
            .setParameter("to", to.toString())
            .setParameter("from", from.toString())
            .setParameter("id", id)
            .setParameter("eventType", eventType)
            .setParameter("actor", audit.actor())
            .setParameter("correlationId", audit.correlationId());
    if (attempt != null) {
      query.setParameter("attempt", attempt);
    }
    values.forEach(query::setParameter);
    List<?> rows = query.getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    JobEntity job = (JobEntity) rows.get(0);
    if (job.status != to) {
      // a copy loaded earlier in this persistence context was returned instead of the new row
      em.refresh(job);
    }
    return Optional.of(job);
  }
}
