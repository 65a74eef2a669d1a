package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes jobs.
 *
 * <p>Every write is one SQL statement that changes the job and appends its {@link JobEvent}
 * together (a data-modifying CTE), so no code path changes a job without its audit row. Every state
 * change is guarded ({@code WHERE id = ? AND status = ?}, and for a running job {@code AND attempt
 * = ? AND lease_owner = ?}) after passing {@link JobStatus#checkTransitionTo}: a worker whose
 * attempt is stale, or whose lease was taken over, changes nothing. Times are database times.
 * Callers hold the transaction; a write clears its persistence context first, so the job it returns
 * is the row as written (entities loaded earlier in that transaction are detached).
 */
@ApplicationScoped
public class JobWriter {

  private final EntityManager em;

  public JobWriter(EntityManager em) {
    this.em = em;
  }

  private static final String INSERT =
      """
      with j as (
        insert into job (id, tenant_id, run_id, model_name, entity_id, calculation_date,
          requested_execution_mode, execution_mode, estimated_duration_seconds, priority,
          priority_rank, status, progress_percentage, attempt, max_attempts, started_at,
          lease_owner, lease_expires_at, callback_url, inputs, parameters, attempt_errors,
          input_hash, engine_version, rule_set, correlation_id, idempotency_key, request_hash)
        values (:id, :tenant, :runId, :model, :entity, :calculationDate, :requestedMode, :mode,
          :estimate, :priority, :rank, :status, 0, :attempt, :maxAttempts,
          case when :status = 'running' then now() end,
          case when :status = 'running' then :owner end,
          case when :status = 'running' then now() + make_interval(secs => :leaseSeconds) end,
          :callbackUrl, cast(:inputs as json), cast(:parameters as json), '[]'::jsonb,
          :inputHash, :engineVersion, :ruleSet, :correlationId, :idempotencyKey, :requestHash)
        on conflict (tenant_id, idempotency_key) where idempotency_key is not null do nothing
        returning *),
      e as (
        insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,
          correlation_id, tenant_id, client_address)
        select id, 'created', null, 'queued', 0, :actor, :correlationId, tenant_id, :client from j
        union all
        select id, 'started', 'queued', 'running', 1, :actor, :correlationId, tenant_id, :client
          from j where :status = 'running')
      select * from j
      """;

  /** Guard of a write to a running job: the attempt and the replica that hold it. */
  public record Holder(int attempt, String owner) {}

  /**
   * Inserts a new job with its {@code created} event. With a {@code holder} the job is claimed by
   * its creator at once (a synchronous job): stored running, attempt 1, leased to the holder, its
   * trail showing created → queued → running, all in one statement.
   *
   * @return the job as stored, or empty when a job with the same idempotency key exists already
   *     (nothing was written)
   */
  public Optional<JobEntity> insert(
      JobEntity job,
      String idempotencyKey,
      String requestHash,
      Holder holder,
      Duration lease,
      AuditContext audit) {
    JobStatus status = JobStatus.QUEUED;
    if (holder != null) {
      status.checkTransitionTo(JobStatus.RUNNING);
      status = JobStatus.RUNNING;
    }
    em.flush();
    em.clear();
    Query insert =
        em.createNativeQuery(INSERT, JobEntity.class)
            .setParameter("id", job.id)
            .setParameter("tenant", job.tenantId)
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
            .setParameter("attempt", holder == null ? 0 : 1)
            .setParameter("maxAttempts", job.maxAttempts)
            .setParameter("owner", holder == null ? "" : holder.owner())
            .setParameter("leaseSeconds", lease.toMillis() / 1000.0)
            .setParameter("callbackUrl", job.callbackUrl)
            .setParameter("inputs", job.inputs)
            .setParameter("parameters", job.parameters)
            .setParameter("inputHash", job.inputHash)
            .setParameter("engineVersion", job.engineVersion)
            .setParameter("ruleSet", job.ruleSet)
            .setParameter("correlationId", audit.correlationId())
            .setParameter("idempotencyKey", idempotencyKey)
            .setParameter("requestHash", requestHash)
            .setParameter("actor", audit.actor())
            .setParameter("client", audit.clientAddress());
    List<?> rows = insert.getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.of((JobEntity) rows.get(0));
  }

  /** running → completed with its result, if the holder still holds the job. */
  public Optional<JobEntity> complete(
      String id, Holder holder, String resultJson, AuditContext audit) {
    return transition(
        id,
        JobStatus.RUNNING,
        JobStatus.COMPLETED,
        holder,
        "completed_at = now(), calculated_at = now(), progress_percentage = 100,"
            + " result = cast(:result as json), "
            + RELEASE,
        Map.of("result", resultJson),
        "completed",
        "null",
        audit);
  }

  /** running → failed for good, keeping the error and the attempt's entry in the history. */
  public Optional<JobEntity> fail(String id, Holder holder, JobError error, AuditContext audit) {
    return transition(
        id,
        JobStatus.RUNNING,
        JobStatus.FAILED,
        holder,
        "completed_at = now(), error = " + ERROR + ", " + APPEND_ATTEMPT_ERROR + ", " + RELEASE,
        errorValues(error),
        "failed",
        "t.error",
        audit);
  }

  /**
   * running → queued for another attempt after {@code delay}, keeping the error in the history;
   * {@code next_attempt_at} says when.
   */
  public Optional<JobEntity> retryLater(
      String id, Holder holder, JobError error, Duration delay, AuditContext audit) {
    Map<String, Object> values = new HashMap<>(errorValues(error));
    values.put("delaySeconds", delay.toMillis() / 1000.0);
    return transition(
        id,
        JobStatus.RUNNING,
        JobStatus.QUEUED,
        holder,
        "run_at = now() + make_interval(secs => :delaySeconds),"
            + " next_attempt_at = now() + make_interval(secs => :delaySeconds),"
            + " progress_percentage = 0, "
            + APPEND_ATTEMPT_ERROR
            + ", "
            + RELEASE,
        values,
        "retry_scheduled",
        ERROR,
        audit);
  }

  /** running → cancelled: the calculation stopped on request; its partial work is discarded. */
  public Optional<JobEntity> cancelRunning(String id, Holder holder, AuditContext audit) {
    return transition(
        id,
        JobStatus.RUNNING,
        JobStatus.CANCELLED,
        holder,
        "completed_at = now(), " + RELEASE,
        Map.of(),
        "cancelled",
        "null",
        audit);
  }

  /** queued → cancelled at once. */
  public Optional<JobEntity> cancelQueued(String id, AuditContext audit) {
    return transition(
        id,
        JobStatus.QUEUED,
        JobStatus.CANCELLED,
        null,
        "completed_at = now(), next_attempt_at = null",
        Map.of(),
        "cancelled",
        "null",
        audit);
  }

  /**
   * Flags a running job for cooperative cancellation; whichever replica runs it stops it. No change
   * of state: the worker records {@code cancelled} when it stops.
   *
   * @return the job, or empty when it was not running
   */
  public Optional<JobEntity> requestCancellation(String id, AuditContext audit) {
    return update(
        id,
        "status = 'running'",
        "cancel_requested_at = coalesce(cancel_requested_at, now())",
        Map.of(),
        "cancel_requested",
        audit);
  }

  /** A synchronous job its request stopped waiting for goes on as an asynchronous one. */
  public Optional<JobEntity> continueAsync(String id, AuditContext audit) {
    return update(
        id,
        "execution_mode = 'sync' and status in ('queued', 'running')",
        "execution_mode = 'async'",
        Map.of(),
        "continued_async",
        audit);
  }

  private static final String RELEASE = "lease_owner = null, lease_expires_at = null";

  private static final String ERROR =
      "jsonb_build_object('error_code', cast(:code as text), 'message', cast(:message as text),"
          + " 'retryable', cast(:retryable as boolean))";

  private static final String APPEND_ATTEMPT_ERROR =
      "attempt_errors = attempt_errors || jsonb_build_array(jsonb_build_object("
          + "'attempt', attempt, 'at', "
          + "to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
          + " 'error_code', cast(:code as text), 'message', cast(:message as text)))";

  private static Map<String, Object> errorValues(JobError error) {
    return Map.of(
        "code", error.errorCode(), "message", error.message(), "retryable", error.retryable());
  }

  /**
   * One guarded state change and its event in one statement.
   *
   * @param detailsSql SQL for the event's details, evaluated on the changed row {@code t}
   * @return the job as it now is, or empty when the guard did not match
   */
  private Optional<JobEntity> transition(
      String id,
      JobStatus from,
      JobStatus to,
      Holder holder,
      String assignments,
      Map<String, Object> values,
      String eventType,
      String detailsSql,
      AuditContext audit) {
    from.checkTransitionTo(to);
    String guard =
        "status = :from"
            + (holder != null ? " and attempt = :attempt and lease_owner = :owner" : "");
    Map<String, Object> all = new HashMap<>(values);
    all.put("from", from.toString());
    all.put("to", to.toString());
    if (holder != null) {
      all.put("attempt", holder.attempt());
      all.put("owner", holder.owner());
    }
    return write(
        id,
        guard,
        "status = :to, " + assignments,
        all,
        eventType,
        ":from",
        ":to",
        detailsSql,
        audit);
  }

  /** A guarded change that leaves the status as it is, with its event. */
  private Optional<JobEntity> update(
      String id,
      String guard,
      String assignments,
      Map<String, Object> values,
      String eventType,
      AuditContext audit) {
    return write(id, guard, assignments, values, eventType, "null", "null", "null", audit);
  }

  private Optional<JobEntity> write(
      String id,
      String guard,
      String assignments,
      Map<String, Object> values,
      String eventType,
      String fromSql,
      String toSql,
      String detailsSql,
      AuditContext audit) {
    String sql =
        "with t as (update job set "
            + assignments
            + " where id = :id and "
            + guard
            + " returning *),"
            + " e as (insert into job_event (job_id, event_type, from_status, to_status, attempt,"
            + " actor, correlation_id, details, tenant_id, client_address)"
            + " select t.id, :eventType, "
            + fromSql
            + ", "
            + toSql
            + ", t.attempt, :actor,"
            + " :correlationId, "
            + detailsSql
            + ", t.tenant_id, :client from t)"
            + " select * from t";
    em.flush();
    em.clear(); // so that the row below is returned as written, never a copy loaded earlier
    Query query =
        em.createNativeQuery(sql, JobEntity.class)
            .setParameter("id", id)
            .setParameter("eventType", eventType)
            .setParameter("actor", audit.actor())
            .setParameter("correlationId", audit.correlationId())
            .setParameter("client", audit.clientAddress());
    values.forEach(query::setParameter);
    List<?> rows = query.getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((JobEntity) rows.get(0));
  }
}
