package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Writes jobs.
 *
 * <p>Every write is one SQL statement that changes the job and appends its {@link JobEvent}
 * together (a data-modifying CTE), so no code path changes a job without its audit row. Every state
 * change is guarded ({@code WHERE id = ? AND status = ?}, and for a running job {@code AND attempt
 * = ? AND lease_owner = ?}) after passing {@link JobStatus#checkTransitionTo}: a worker whose
 * attempt is stale, or whose lease was taken over, changes nothing. Times are database times.
 *
 * <p>The statements are plain JDBC, parsed once ({@link NamedSql}), and return the row as written
 * ({@code returning *}). They run in the caller's transaction when there is one; each is atomic on
 * its own.
 */
@ApplicationScoped
public class JobWriter {

  private final DataSource db;

  public JobWriter(DataSource db) {
    this.db = db;
  }

  static final String INSERT_COLUMNS =
      """
        insert into job (id, tenant_id, run_id, model_name, entity_id, calculation_date,
          requested_execution_mode, execution_mode, estimated_duration_seconds, priority,
          priority_rank, status, progress_percentage, attempt, max_attempts, started_at,
          completed_at, calculated_at, lease_owner, lease_expires_at, callback_url, inputs,
          parameters, result, error, attempt_errors, input_hash, engine_version, rule_set,
          correlation_id, idempotency_key, request_hash)
      """;

  static final String EVENT_COLUMNS =
      "insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,"
          + " correlation_id, details, tenant_id, client_address)";

  /**
   * The end of both inserts: the lineage columns, the idempotency key's conflict (nothing written),
   * and the trail's first events, {@code created} and {@code started} (the latter filtered by the
   * caller's {@code from j …}).
   */
  private static final String INSERT_TAIL =
      """
          :inputHash, :engineVersion, :ruleSet, :correlationId, :idempotencyKey, :requestHash)
        on conflict (tenant_id, idempotency_key) where idempotency_key is not null do nothing
        returning *),
      e as (
      """
          + EVENT_COLUMNS
          + """
        select id, 'created', null, 'queued', 0, :actor, :correlationId, null::jsonb, tenant_id, :client
          from j
        union all
        select id, 'started', 'queued', 'running', 1, :actor, :correlationId, null::jsonb, tenant_id,
          :client
      """;

  private static final NamedSql INSERT =
      NamedSql.of(
          "with j as ("
              + INSERT_COLUMNS
              + """
        values (:id, :tenant, :runId, :model, :entity, :calculationDate, :requestedMode, :mode,
          :estimate, :priority, :rank, :status, 0, :attempt, :maxAttempts,
          case when :status = 'running' then now() end, null, null,
          case when :status = 'running' then :owner end,
          case when :status = 'running' then now() + make_interval(secs => :leaseSeconds) end,
          :callbackUrl, cast(:inputs as json), cast(:parameters as json), null, null, '[]'::jsonb,
      """
              + INSERT_TAIL
              + """
          from j where :status = 'running')
      select * from j
      """);

  /**
   * A job calculated before it was stored (a synchronous calculation of microseconds): stored
   * finished, its trail created → started → completed (or failed) in the same statement.
   */
  private static final NamedSql INSERT_FINISHED =
      NamedSql.of(
          "with j as ("
              + INSERT_COLUMNS
              + """
        values (:id, :tenant, :runId, :model, :entity, :calculationDate, :requestedMode, :mode,
          :estimate, :priority, :rank, :status,
          case when :status = 'completed' then 100 else 0 end, 1, :maxAttempts, now(), now(),
          case when :status = 'completed' then now() end, null, null, :callbackUrl,
          cast(:inputs as json), cast(:parameters as json), cast(:result as json),
          case when :status = 'failed' then jsonb_build_object('error_code', cast(:code as text),
            'message', cast(:message as text), 'retryable', false) end,
          case when :status = 'failed' then jsonb_build_array(jsonb_build_object('attempt', 1,
            'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            'error_code', cast(:code as text), 'message', cast(:message as text)))
            else '[]'::jsonb end,
      """
              + INSERT_TAIL
              + """
          from j
        union all
        select id, status, 'running', status, 1, :finisher, :correlationId, error, tenant_id,
          null
          from j)
      select * from j
      """);

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
    Map<String, Object> values = insertValues(job, idempotencyKey, requestHash, audit);
    values.put("status", status.toString());
    values.put("attempt", holder == null ? 0 : 1);
    values.put("owner", holder == null ? "" : holder.owner());
    values.put("leaseSeconds", seconds(lease));
    return first(INSERT.query(db, values, JobRows::job));
  }

  /**
   * Inserts a job that was calculated before it was stored, as completed with {@code resultJson}
   * or, when {@code error} is given, failed for good with it (attempt 1 either way). The trail's
   * last event is {@code finisher}'s (the worker that calculated), as when a worker records it.
   *
   * @return the job as stored, or empty when a job with the same idempotency key exists already
   *     (nothing was written)
   */
  public Optional<JobEntity> insertFinished(
      JobEntity job,
      String idempotencyKey,
      String requestHash,
      String resultJson,
      JobError error,
      AuditContext audit,
      String finisher) {
    JobStatus end = error == null ? JobStatus.COMPLETED : JobStatus.FAILED;
    JobStatus.QUEUED.checkTransitionTo(JobStatus.RUNNING);
    JobStatus.RUNNING.checkTransitionTo(end);
    Map<String, Object> values = insertValues(job, idempotencyKey, requestHash, audit);
    values.put("status", end.toString());
    values.put("result", error == null ? resultJson : null);
    values.put("code", error == null ? null : error.errorCode());
    values.put("message", error == null ? null : error.message());
    values.put("finisher", finisher);
    return first(INSERT_FINISHED.query(db, values, JobRows::job));
  }

  private static Map<String, Object> insertValues(
      JobEntity job, String idempotencyKey, String requestHash, AuditContext audit) {
    Map<String, Object> values = new HashMap<>(48);
    values.put("id", job.id);
    values.put("tenant", job.tenantId);
    values.put("runId", job.runId);
    values.put("model", job.modelName.toString());
    values.put("entity", job.entityId);
    values.put("calculationDate", job.calculationDate);
    values.put("requestedMode", job.requestedExecutionMode.toString());
    values.put("mode", job.executionMode.toString());
    values.put("estimate", job.estimatedDurationSeconds);
    values.put("priority", job.priority.toString());
    values.put("rank", (short) job.priority.rank());
    values.put("maxAttempts", job.maxAttempts);
    values.put("callbackUrl", job.callbackUrl);
    values.put("inputs", job.inputs);
    values.put("parameters", job.parameters);
    values.put("inputHash", job.inputHash);
    values.put("engineVersion", job.engineVersion);
    values.put("ruleSet", job.ruleSet);
    values.put("correlationId", audit.correlationId());
    values.put("idempotencyKey", idempotencyKey);
    values.put("requestHash", requestHash);
    values.put("actor", audit.actor());
    values.put("client", audit.clientAddress());
    return values;
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

  private static final NamedSql COMPLETE =
      transition(
          JobStatus.RUNNING,
          JobStatus.COMPLETED,
          true,
          "completed_at = now(), calculated_at = now(), progress_percentage = 100,"
              + " result = cast(:result as json), "
              + RELEASE,
          "completed",
          "null");

  private static final NamedSql FAIL =
      transition(
          JobStatus.RUNNING,
          JobStatus.FAILED,
          true,
          "completed_at = now(), error = " + ERROR + ", " + APPEND_ATTEMPT_ERROR + ", " + RELEASE,
          "failed",
          "t.error");

  private static final NamedSql RETRY_LATER =
      transition(
          JobStatus.RUNNING,
          JobStatus.QUEUED,
          true,
          "run_at = now() + make_interval(secs => :delaySeconds),"
              + " next_attempt_at = now() + make_interval(secs => :delaySeconds),"
              + " progress_percentage = 0, "
              + APPEND_ATTEMPT_ERROR
              + ", "
              + RELEASE,
          "retry_scheduled",
          ERROR);

  private static final NamedSql CANCEL_RUNNING =
      transition(
          JobStatus.RUNNING,
          JobStatus.CANCELLED,
          true,
          "completed_at = now(), " + RELEASE,
          "cancelled",
          "null");

  private static final NamedSql CANCEL_QUEUED =
      transition(
          JobStatus.QUEUED,
          JobStatus.CANCELLED,
          false,
          "completed_at = now(), next_attempt_at = null",
          "cancelled",
          "null");

  private static final NamedSql REQUEST_CANCELLATION =
      write(
          "status = 'running'",
          "cancel_requested_at = coalesce(cancel_requested_at, now())",
          "cancel_requested",
          "null",
          "null",
          "null");

  private static final NamedSql CONTINUE_ASYNC =
      write(
          "execution_mode = 'sync' and status in ('queued', 'running')",
          "execution_mode = 'async'",
          "continued_async",
          "null",
          "null",
          "null");

  /** running → completed with its result, if the holder still holds the job. */
  public Optional<JobEntity> complete(
      String id, Holder holder, String resultJson, AuditContext audit) {
    return run(COMPLETE, id, holder, Map.of("result", resultJson), audit);
  }

  private static final NamedSql COMPLETE_MANY =
      NamedSql.of(
          """
          with v as (
            select * from unnest(cast(:ids as text[]), cast(:attempts as integer[]),
              cast(:results as text[])) as v(id, attempt, result)),
          t as (
            update job j set status = 'completed', completed_at = now(), calculated_at = now(),
              progress_percentage = 100, result = cast(v.result as json),
              lease_owner = null, lease_expires_at = null
            from v
            where j.id = v.id and j.status = 'running' and j.attempt = v.attempt
              and j.lease_owner = :owner
            returning j.*),
          e as (
          """
              + EVENT_COLUMNS
              + """
            select t.id, 'completed', 'running', 'completed', t.attempt, :actor, t.correlation_id,
              null::jsonb, t.tenant_id, null from t order by t.id)
          select * from t
          """);

  /** One finished attempt for {@link #completeAll}. */
  public record Completion(String jobId, int attempt, String resultJson) {}

  /**
   * running → completed for many attempts of one holder in one statement (the batch completer):
   * each guarded by its attempt and the lease owner as {@link #complete} is, each with its {@code
   * completed} event by {@code actor} (the job's correlation id), its outbox message, counters and
   * announcement (statement-level triggers). A stale attempt in the batch is skipped; the others
   * are recorded.
   *
   * @return the jobs recorded (those whose guard held), in no particular order
   */
  public List<JobEntity> completeAll(String owner, List<Completion> completions, String actor) {
    JobStatus.RUNNING.checkTransitionTo(JobStatus.COMPLETED);
    Map<String, Object> values = new HashMap<>();
    values.put("ids", completions.stream().map(Completion::jobId).toArray(String[]::new));
    values.put("attempts", completions.stream().map(Completion::attempt).toArray(Integer[]::new));
    values.put("results", completions.stream().map(Completion::resultJson).toArray(String[]::new));
    values.put("owner", owner);
    values.put("actor", actor);
    return COMPLETE_MANY.query(db, values, JobRows::job);
  }

  /** running → failed for good, keeping the error and the attempt's entry in the history. */
  public Optional<JobEntity> fail(String id, Holder holder, JobError error, AuditContext audit) {
    return run(FAIL, id, holder, errorValues(error), audit);
  }

  /**
   * running → queued for another attempt after {@code delay}, keeping the error in the history;
   * {@code next_attempt_at} says when.
   */
  public Optional<JobEntity> retryLater(
      String id, Holder holder, JobError error, Duration delay, AuditContext audit) {
    Map<String, Object> values = new HashMap<>(errorValues(error));
    values.put("delaySeconds", seconds(delay));
    return run(RETRY_LATER, id, holder, values, audit);
  }

  /** running → cancelled: the calculation stopped on request; its partial work is discarded. */
  public Optional<JobEntity> cancelRunning(String id, Holder holder, AuditContext audit) {
    return run(CANCEL_RUNNING, id, holder, Map.of(), audit);
  }

  /** queued → cancelled at once. */
  public Optional<JobEntity> cancelQueued(String id, AuditContext audit) {
    return run(CANCEL_QUEUED, id, null, Map.of(), audit);
  }

  /**
   * Flags a running job for cooperative cancellation; whichever replica runs it stops it. No change
   * of state: the worker records {@code cancelled} when it stops.
   *
   * @return the job, or empty when it was not running
   */
  public Optional<JobEntity> requestCancellation(String id, AuditContext audit) {
    return run(REQUEST_CANCELLATION, id, null, Map.of(), audit);
  }

  /** A synchronous job its request stopped waiting for goes on as an asynchronous one. */
  public Optional<JobEntity> continueAsync(String id, AuditContext audit) {
    return run(CONTINUE_ASYNC, id, null, Map.of(), audit);
  }

  private static Map<String, Object> errorValues(JobError error) {
    return Map.of(
        "code", error.errorCode(), "message", error.message(), "retryable", error.retryable());
  }

  private Optional<JobEntity> run(
      NamedSql statement,
      String id,
      Holder holder,
      Map<String, Object> values,
      AuditContext audit) {
    Map<String, Object> all = new HashMap<>(values);
    all.put("id", id);
    if (holder != null) {
      all.put("attempt", holder.attempt());
      all.put("owner", holder.owner());
    }
    all.put("actor", audit.actor());
    all.put("correlationId", audit.correlationId());
    all.put("client", audit.clientAddress());
    return first(statement.query(db, all, JobRows::job));
  }

  /**
   * One guarded state change and its event in one statement.
   *
   * @param held whether the guard includes the holder (attempt and lease owner)
   * @param detailsSql SQL for the event's details, evaluated on the changed row {@code t}
   */
  private static NamedSql transition(
      JobStatus from,
      JobStatus to,
      boolean held,
      String assignments,
      String eventType,
      String detailsSql) {
    from.checkTransitionTo(to);
    String guard =
        "status = '"
            + from
            + "'"
            + (held ? " and attempt = :attempt and lease_owner = :owner" : "");
    return write(
        guard,
        "status = '" + to + "', " + assignments,
        eventType,
        "'" + from + "'",
        "'" + to + "'",
        detailsSql);
  }

  private static NamedSql write(
      String guard,
      String assignments,
      String eventType,
      String fromSql,
      String toSql,
      String detailsSql) {
    return NamedSql.of(
        "with t as (update job set "
            + assignments
            + " where id = :id and "
            + guard
            + " returning *), e as ("
            + EVENT_COLUMNS
            + " select t.id, '"
            + eventType
            + "', "
            + fromSql
            + ", "
            + toSql
            + ", t.attempt, :actor, :correlationId, "
            + detailsSql
            + ", t.tenant_id, :client from t) select * from t");
  }

  private static Optional<JobEntity> first(List<JobEntity> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
