package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The queue side of the {@code job} table: claiming due jobs, keeping their leases, writing
 * progress, and rescuing jobs whose replica stopped. A rescued or handed-back job keeps its {@code
 * run_at}, so it goes back to its place in the queue, ahead of work that arrived after it, instead
 * of to the end of a backlog. Each method is one statement, safe when every replica runs it at the
 * same moment ({@code FOR UPDATE SKIP LOCKED}); callers hold the transaction. All times are
 * database times.
 */
@ApplicationScoped
public class JobQueue {

  /**
   * Re-queues lost jobs, or fails them: when their attempts are spent ({@code LEASE_EXPIRED}), or
   * when the replicas of their last {@code :poisonAfter} attempts all stopped under them ({@code
   * POISON_JOB}, quarantined with those attempts as evidence: a job that takes its replica down
   * must not take down the next). The attempts lost before this one are the trailing {@code
   * LEASE_EXPIRED} entries of {@code attempt_errors}; any other recorded end breaks the row, and a
   * graceful hand-back records none.
   */
  private static final NamedSql RESCUE =
      NamedSql.of(
          """
      with lost as (
        select id, attempt_errors || jsonb_build_array(jsonb_build_object(
            'attempt', attempt,
            'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            'error_code', 'LEASE_EXPIRED',
            'message', 'replica ' || lease_owner || ' stopped before the attempt finished'))
            as errors
        from job
        where status = 'running' and (lease_expires_at < now() or lease_owner = :formerSelf)
        order by lease_expires_at
        limit :limit
        for update skip locked),
      judged as (
        select id, errors, (
            select count(*) from jsonb_array_elements(errors) with ordinality e(v, n)
            where e.v ->> 'error_code' = 'LEASE_EXPIRED' and e.n > coalesce((
              select max(x.n) from jsonb_array_elements(errors) with ordinality x(v, n)
              where x.v ->> 'error_code' <> 'LEASE_EXPIRED'), 0)) >= :poisonAfter as poisoned
        from lost),
      rescued as (
        update job j set
          status = case when j.attempt < j.max_attempts and not l.poisoned then 'queued'
            else 'failed' end,
          completed_at = case when j.attempt < j.max_attempts and not l.poisoned then null
            else now() end,
          progress_percentage = case when j.attempt < j.max_attempts and not l.poisoned then 0
            else j.progress_percentage end,
          error = case
            when l.poisoned then jsonb_build_object('error_code', 'POISON_JOB', 'message',
              'the replicas running its last ' || :poisonAfter || ' attempts all stopped before'
              || ' the attempt finished; quarantined, it is not run again', 'retryable', false,
              'lost_attempts', (select jsonb_agg(e.v order by e.n) from
                jsonb_array_elements(l.errors) with ordinality e(v, n)
                where e.n > jsonb_array_length(l.errors) - :poisonAfter))
            when j.attempt < j.max_attempts then j.error
            else jsonb_build_object('error_code', 'LEASE_EXPIRED', 'message',
              'the replica running the last attempt stopped', 'retryable', true) end,
          attempt_errors = l.errors,
          lease_owner = null, lease_expires_at = null
        from judged l where j.id = l.id
        returning j.id, j.status, j.attempt, j.correlation_id, j.error, j.tenant_id)
      insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,
        correlation_id, details, tenant_id)
      select id, case when status = 'queued' then 'rescued' else 'failed' end, 'running', status,
        attempt, :actor, correlation_id, error, tenant_id
      from rescued
      """);

  private static final NamedSql RELEASE =
      NamedSql.of(
          """
      with released as (
        update job set status = 'queued', attempt = attempt - 1,
          progress_percentage = 0, lease_owner = null, lease_expires_at = null
        where status = 'running' and lease_owner = :owner
        returning id, attempt, correlation_id, tenant_id)
      insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,
        correlation_id, tenant_id)
      select id, 'released', 'running', 'queued', attempt, :actor, correlation_id, tenant_id
      from released
      """);

  private static final String LOCK_DUE_SQL =
      """
      select * from job where status = 'queued' and run_at <= now()
      order by priority_rank, run_at, id
      limit :limit
      for update skip locked
      """;

  private static final NamedSql LOCK_DUE = NamedSql.of(LOCK_DUE_SQL);
  private static final NamedSql EXPLAIN_LOCK_DUE = NamedSql.of("explain " + LOCK_DUE_SQL);

  /**
   * The claim is planned as a walk of {@code job_claim_idx} in claim order, stopping after {@code
   * :limit} rows, whatever the statistics say. A queue filled faster than autovacuum analyses it (a
   * burst of 50,000 jobs into a table analysed while nearly empty) looks almost empty to the
   * planner, which then reads every due job through another index and sorts them all, once per
   * claim: measured, 800 jobs/s instead of 11,000 for the first seconds of a drain. Without
   * sorting, the walk of the claim index is the only plan left. The setting is the transaction's
   * and goes back to the session's default right after the claim (whatever a DBA configured), so
   * the rest of the claiming transaction plans as usual.
   */
  private static final NamedSql PLAN_IN_CLAIM_ORDER = NamedSql.of("set local enable_sort = off");

  private static final NamedSql PLAN_AS_USUAL = NamedSql.of("set local enable_sort to default");

  private static final NamedSql CLAIM_LOCKED =
      NamedSql.of(
          """
          with claimed as (
            update job set status = 'running', attempt = attempt + 1, started_at = now(),
              next_attempt_at = null, progress_percentage = 0, lease_owner = :owner,
              lease_expires_at = now() + make_interval(secs => :leaseSeconds)
            where id = any(cast(:ids as text[])) and status = 'queued'
            returning *),
          e as (
            insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,
              correlation_id, tenant_id)
            select id, 'started', 'queued', 'running', attempt, :actor, correlation_id, tenant_id
            from claimed)
          select * from claimed order by priority_rank, run_at, id
          """);

  /**
   * Jobs calculated while their rows were locked, recorded in one statement: queued → completed (or
   * failed) with both events of the attempt, started and its end, as a claim and a completion would
   * write them.
   */
  private static final NamedSql FINISH_LOCKED =
      NamedSql.of(
          """
          with v as (
            select * from unnest(cast(:ids as text[]), cast(:results as text[]),
              cast(:codes as text[]), cast(:messages as text[])) as v(id, result, code, message)),
          t as (
            update job j set
              status = case when v.code is null then 'completed' else 'failed' end,
              attempt = j.attempt + 1, started_at = now(), completed_at = now(),
              next_attempt_at = null,
              calculated_at = case when v.code is null then now() end,
              progress_percentage = case when v.code is null then 100 else 0 end,
              result = cast(v.result as json),
              error = case when v.code is not null then jsonb_build_object('error_code', v.code,
                'message', v.message, 'retryable', false) end,
              attempt_errors = case when v.code is null then j.attempt_errors
                else j.attempt_errors || jsonb_build_array(jsonb_build_object(
                  'attempt', j.attempt + 1,
                  'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                  'error_code', v.code, 'message', v.message)) end
            from v where j.id = v.id and j.status = 'queued'
            returning j.id, j.status, j.attempt, j.correlation_id, j.tenant_id, j.error,
              j.model_name, j.priority, j.run_at, j.started_at),
          e as (
            insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,
              correlation_id, details, tenant_id)
            select id, 'started', 'queued', 'running', attempt, :claimer, correlation_id,
              null::jsonb, tenant_id from t
            union all
            select id, status, 'running', status, attempt, :worker, correlation_id,
              case when status = 'failed' then error end, tenant_id from t)
          select id, status, model_name, priority, run_at, started_at from t
          """);

  private static final NamedSql RENEW =
      NamedSql.of(
          "update job set lease_expires_at = now() + make_interval(secs => :leaseSeconds)"
              + " where status = 'running' and lease_owner = :owner"
              + " and id = any(string_to_array(:ids, ','))"
              + " returning id, cancel_requested_at is not null");

  private static final NamedSql PROGRESS =
      NamedSql.of(
          "update job set progress_percentage = least(v.p, 99.99)"
              + " from unnest(string_to_array(:ids, ','),"
              + " cast(string_to_array(:attempts, ',') as integer[]),"
              + " cast(string_to_array(:percentages, ',') as numeric[])) as v(id, a, p)"
              + " where job.id = v.id and job.attempt = v.a and job.status = 'running'"
              + " and job.lease_owner = :owner");

  private final DataSource db;
  private final int poisonAfter;

  public JobQueue(DataSource db, JobsConfig config) {
    this.db = db;
    this.poisonAfter = Math.max(1, config.poisonAfterLostAttempts());
  }

  /**
   * Locks up to {@code limit} due jobs, most urgent first, for the rest of the caller's transaction
   * (others skip them): the batch the dispatcher calculates at once or claims. Unchanged until
   * then.
   */
  public List<JobEntity> lockDue(int limit) {
    return inClaimOrder(() -> LOCK_DUE.query(db, Map.of("limit", limit), JobRows::job));
  }

  /** The plan {@link #lockDue} runs, as {@code explain} prints it (for tests and operators). */
  public List<String> lockDuePlan(int limit) {
    return inClaimOrder(
        () -> EXPLAIN_LOCK_DUE.query(db, Map.of("limit", limit), r -> r.getString(1)));
  }

  private <T> T inClaimOrder(java.util.function.Supplier<T> claim) {
    PLAN_IN_CLAIM_ORDER.update(db, Map.of());
    T result = claim.get();
    PLAN_AS_USUAL.update(db, Map.of());
    return result;
  }

  /**
   * Claims jobs locked by {@link #lockDue} for {@code owner}: queued → running, attempt + 1, leased
   * until now + {@code lease}, with their {@code started} events; most urgent first.
   */
  public List<JobEntity> claimLocked(String owner, List<String> ids, Duration lease) {
    if (ids.isEmpty()) {
      return List.of();
    }
    JobStatus.QUEUED.checkTransitionTo(JobStatus.RUNNING);
    return CLAIM_LOCKED.query(
        db,
        Map.of(
            "owner",
            owner,
            "ids",
            ids.toArray(String[]::new),
            "leaseSeconds",
            seconds(lease),
            "actor",
            "dispatcher:" + owner),
        JobRows::job);
  }

  /**
   * A job locked by {@link #lockDue} and calculated: its result, or its (final) error, and how long
   * the calculation took.
   */
  public record Finished(String jobId, String resultJson, JobError error, Duration took) {}

  /**
   * Records jobs locked by {@link #lockDue} and calculated meanwhile, in one statement.
   *
   * @return the jobs as recorded, with what their metrics need only (id, status, model, priority,
   *     due and start times): their inputs and results need not travel back
   */
  public List<JobEntity> finishLocked(String owner, List<Finished> finished) {
    if (finished.isEmpty()) {
      return List.of();
    }
    JobStatus.QUEUED.checkTransitionTo(JobStatus.RUNNING);
    JobStatus.RUNNING.checkTransitionTo(JobStatus.COMPLETED);
    JobStatus.RUNNING.checkTransitionTo(JobStatus.FAILED);
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("ids", finished.stream().map(Finished::jobId).toArray(String[]::new));
    values.put("results", finished.stream().map(Finished::resultJson).toArray(String[]::new));
    values.put(
        "codes",
        finished.stream()
            .map(f -> f.error() == null ? null : f.error().errorCode())
            .toArray(String[]::new));
    values.put(
        "messages",
        finished.stream()
            .map(f -> f.error() == null ? null : f.error().message())
            .toArray(String[]::new));
    values.put("claimer", "dispatcher:" + owner);
    values.put("worker", "worker:" + owner);
    return FINISH_LOCKED.query(db, values, JobRows::recorded);
  }

  /**
   * Extends the leases of the given running jobs of {@code owner}.
   *
   * @return per job still held: whether its cancellation was requested. A job missing from the
   *     answer is no longer held by {@code owner}.
   */
  public Map<String, Boolean> renewLeases(String owner, List<String> jobIds, Duration lease) {
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    List<Map.Entry<String, Boolean>> rows =
        RENEW.query(
            db,
            Map.of("leaseSeconds", seconds(lease), "owner", owner, "ids", String.join(",", jobIds)),
            r -> Map.entry(r.getString(1), r.getBoolean(2)));
    return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Progress of one attempt of a job, in percent. */
  public record Progress(String jobId, int attempt, BigDecimal percentage) {}

  /** Writes the progress of attempts {@code owner} runs, in one statement. */
  public int writeProgress(String owner, List<Progress> progress) {
    if (progress.isEmpty()) {
      return 0;
    }
    return PROGRESS.update(
        db,
        Map.of(
            "ids", join(progress, Progress::jobId),
            "attempts", join(progress, p -> String.valueOf(p.attempt())),
            "percentages", join(progress, p -> p.percentage().toPlainString()),
            "owner", owner));
  }

  private static String join(List<Progress> progress, Function<Progress, String> field) {
    return progress.stream().map(field).collect(Collectors.joining(","));
  }

  /**
   * Re-queues (or fails, when their attempts are spent or they proved poison) up to {@code limit}
   * running jobs whose lease expired, and those leased to {@code formerSelf} (this replica's name
   * before a restart).
   *
   * @return how many jobs were rescued
   */
  public int rescue(String formerSelf, int limit, String actor) {
    JobStatus.RUNNING.checkTransitionTo(JobStatus.QUEUED);
    JobStatus.RUNNING.checkTransitionTo(JobStatus.FAILED);
    return RESCUE.update(
        db,
        Map.of(
            "formerSelf",
            formerSelf == null ? "" : formerSelf,
            "limit",
            limit,
            "actor",
            actor,
            "poisonAfter",
            poisonAfter));
  }

  /**
   * Hands back every job {@code owner} runs (a replica shutting down): queued again at once, due
   * now, the interrupted attempt not counted (it did not fail). Other replicas are told by NOTIFY.
   *
   * @return how many jobs were released
   */
  public int release(String owner, String actor) {
    JobStatus.RUNNING.checkTransitionTo(JobStatus.QUEUED);
    return RELEASE.update(db, Map.of("owner", owner, "actor", actor));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
