package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

  /**
   * The tenants with queued jobs, by a skip scan of a queued-only index: one probe per tenant,
   * however long the queue (then a null row, which the users of {@code tenants} leave out).
   */
  private static final String TENANTS_WITH_QUEUED_JOBS =
      """
      with recursive tenants(tenant_id) as (
        (select tenant_id from job where status = 'queued' order by tenant_id limit 1)
        union all
        select (select j.tenant_id from job j
                where j.status = 'queued' and j.tenant_id > t.tenant_id
                order by j.tenant_id limit 1)
        from tenants t where t.tenant_id is not null)
      """;

  /**
   * The claim's choice of due jobs, locked for the rest of the caller's transaction, in two lanes:
   * up to {@code :instantLimit} closed-form jobs (calculated at the claim) and up to {@code
   * :longLimit} long-running ones (LDA, which need a slot and memory), each lane in claim order.
   *
   * <p>Fair share: the tenants with queued jobs are found by a skip scan (one index probe per
   * tenant, not a read of the queue), paused tenants left out; each tenant's most urgent due jobs
   * are locked by a walk of its own part of {@code job_tenant_claim_idx}, up to its share of the
   * batch (its weight over the sum of weights, and never beyond the room its concurrency limit
   * leaves); then, within a priority, the tenants take turns: the claim order is priority, then the
   * job's turn within its tenant over the tenant's weight (for long jobs counted on from what the
   * tenant runs already, so that the least served tenant goes first), then age. Paused models are
   * skipped in the walks. {@code tenant_full} says whether a tenant had more due than its share.
   */
  private static final String LOCK_DUE_SQL =
      TENANTS_WITH_QUEUED_JOBS
          + """
      , settings as (
        select t.tenant_id, coalesce(w.weight, 1) as weight,
          coalesce(l.max_running, cast(:defaultMaxRunning as int)) as max_running
        from tenants t
        left join unnest(cast(:weightTenants as text[]), cast(:weights as int[]))
          as w(tenant_id, weight) on w.tenant_id = t.tenant_id
        left join unnest(cast(:limitTenants as text[]), cast(:limits as int[]))
          as l(tenant_id, max_running) on l.tenant_id = t.tenant_id
        where t.tenant_id is not null and not exists (
          select 1 from dispatch_pause p where p.scope = 'tenant' and p.value = t.tenant_id)),
      shares as (
        select s.tenant_id, s.weight, sum(s.weight) over () as total_weight,
          case when s.max_running is null then 2147483647 else greatest(0, s.max_running - (
            select count(*) from job r where r.tenant_id = s.tenant_id and r.status = 'running'))
          end as room,
          case when :longLimit > 0 then (select count(*) from job r
            where r.tenant_id = s.tenant_id and r.status = 'running' and r.model_name = 'lda')
          else 0 end as running_long
        from settings s
        where s.max_running is null or s.tenant_id = any(cast(:lockedTenants as text[]))),
      candidates as (
        select c.*, s.tenant_id, false as long_lane, s.weight, 0::bigint as running_long, s.room,
          least(s.room, ceil(:instantLimit * s.weight / s.total_weight)) as share
        from shares s cross join lateral (
          select j.id, j.priority_rank, j.run_at from job j
          where j.status = 'queued' and j.tenant_id = s.tenant_id
            and (j.model_name = 'lda')::int = 0 and j.priority_rank <= :instantRank
            and j.run_at <= now()
            and j.model_name <> all(array(
              select value from dispatch_pause where scope = 'model'))
          order by j.priority_rank, j.run_at, j.id
          limit least(s.room, ceil(:instantLimit * s.weight / s.total_weight))
          for update skip locked) c
        union all
        select c.*, s.tenant_id, true, s.weight, s.running_long, s.room, least(s.room, :longLimit)
        from shares s cross join lateral (
          select j.id, j.priority_rank, j.run_at from job j
          where j.status = 'queued' and j.tenant_id = s.tenant_id
            and (j.model_name = 'lda')::int = 1 and j.priority_rank <= :longRank
            and j.run_at <= now()
            and j.model_name <> all(array(
              select value from dispatch_pause where scope = 'model'))
          order by j.priority_rank, j.run_at, j.id
          limit least(s.room, :longLimit)
          for update skip locked) c),
      ranked as (
        select c.*, count(*) over (partition by c.long_lane, c.tenant_id) >= c.share
            as tenant_full,
          row_number() over (partition by c.long_lane, c.tenant_id, c.priority_rank
            order by c.run_at, c.id) as turn
        from candidates c),
      placed as (
        select r.*, row_number() over (partition by r.long_lane order by r.priority_rank,
            (r.running_long + r.turn - 1) / r.weight::numeric, r.run_at, r.id) as place
        from ranked r),
      roomy as (
        select p.*, row_number() over (partition by p.tenant_id order by p.long_lane, p.place)
            as taken
        from placed p
        where p.place <= case when p.long_lane then :longLimit else :instantLimit end)
      select j.*, r.long_lane, r.tenant_full from roomy r join job j on j.id = r.id
      where r.taken <= r.room
      order by r.long_lane, r.place
      """;

  private static final NamedSql LOCK_DUE = NamedSql.of(LOCK_DUE_SQL);
  private static final NamedSql EXPLAIN_LOCK_DUE = NamedSql.of("explain " + LOCK_DUE_SQL);

  /**
   * Serialises the claims of tenants with a concurrency limit: this transaction takes the advisory
   * lock of each limited tenant with due jobs that no other claim holds, and claims only theirs (a
   * concurrent claim skips them, as it skips locked rows). Their running jobs are counted by the
   * next statement, whose snapshot sees every claim committed before the lock was granted: the
   * limit is exact across replicas.
   */
  private static final NamedSql LOCK_LIMITED_TENANTS =
      NamedSql.of(
          TENANTS_WITH_QUEUED_JOBS
              + """
          select tenant_id from tenants
          where tenant_id is not null
            and (cast(:defaultMaxRunning as int) is not null
              or tenant_id = any(cast(:limitTenants as text[])))
            and pg_try_advisory_xact_lock(7363, hashtext(tenant_id))
          """);

  /**
   * The claim is planned as walks of {@code job_tenant_claim_idx} in claim order, each stopping
   * after its share, whatever the statistics say. A queue filled faster than autovacuum analyses it
   * (a burst of 50,000 jobs into a table analysed while nearly empty) looks almost empty to the
   * planner, which then reads every due job through another index and sorts them all, once per
   * claim: measured, 800 jobs/s instead of 11,000 for the first seconds of a drain. Without
   * sorting, the index walks are the only plan left (the few rows they return are still sorted,
   * there being no other way); JIT compilation, which the penalised sorts' costs would trigger at
   * some 2 s a claim, is off; and the prepared statement runs its generic plan, planned once per
   * connection: planning this statement anew (a custom plan) takes 4 ms, five times its execution.
   * The settings are the transaction's and go back to the session's defaults right after the claim
   * (whatever a DBA configured), so the rest of the claiming transaction plans as usual.
   */
  private static final NamedSql PLAN_IN_CLAIM_ORDER =
      NamedSql.of(
          "select set_config('enable_sort', 'off', true), set_config('jit', 'off', true),"
              + " set_config('plan_cache_mode', 'force_generic_plan', true)");

  private static final NamedSql PLAN_AS_USUAL =
      NamedSql.of("reset enable_sort; reset jit; reset plan_cache_mode");

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

  /** The due jobs one claim locked: each lane in claim order. */
  public record Due(List<JobEntity> instant, List<JobEntity> longRunning, boolean instantFull) {}

  /** How the claim shares the queue between tenants, as the claim statement takes it. */
  public record Shares(
      String[] weightTenants,
      Integer[] weights,
      String[] limitTenants,
      Integer[] limits,
      Integer defaultMaxRunning) {

    public static Shares of(TenantsConfig config) {
      List<Map.Entry<String, TenantsConfig.Tenant>> tenants =
          List.copyOf(config.tenant().entrySet());
      List<Map.Entry<String, TenantsConfig.Tenant>> limited =
          tenants.stream().filter(t -> t.getValue().maxRunning().isPresent()).toList();
      return new Shares(
          tenants.stream().map(Map.Entry::getKey).toArray(String[]::new),
          tenants.stream().map(t -> Math.max(1, t.getValue().weight())).toArray(Integer[]::new),
          limited.stream().map(Map.Entry::getKey).toArray(String[]::new),
          limited.stream()
              .map(t -> Math.max(0, t.getValue().maxRunning().getAsInt()))
              .toArray(Integer[]::new),
          config.maxRunning().isPresent() ? Math.max(0, config.maxRunning().getAsInt()) : null);
    }

    /** Whether some tenant has a concurrency limit. */
    public boolean limited() {
      return defaultMaxRunning != null || limitTenants.length > 0;
    }
  }

  /**
   * Locks the due jobs of one claim, most urgent first and tenants in turn, for the rest of the
   * caller's transaction (others skip them): up to {@code instantLimit} closed-form jobs and up to
   * {@code longLimit} long-running ones. Unchanged until the caller claims or finishes them.
   */
  public Due lockDue(int instantLimit, int longLimit, Shares shares) {
    return lockDue(instantLimit, Priority.LOWEST_RANK, longLimit, Priority.LOWEST_RANK, shares);
  }

  /**
   * As {@link #lockDue(int, int, Shares)}, locking no closed-form job less urgent than {@code
   * instantRank} (a claim of its own for urgent work) and no long-running job less urgent than
   * {@code longRank} (one that could not start now: its rows stay free for other replicas, and are
   * not read).
   */
  public Due lockDue(
      int instantLimit, int instantRank, int longLimit, int longRank, Shares shares) {
    List<JobEntity> instant = new ArrayList<>();
    List<JobEntity> longRunning = new ArrayList<>();
    boolean[] full = {false};
    inClaimOrder(
        () -> {
          String[] locked =
              shares.limited()
                  ? LOCK_LIMITED_TENANTS
                      .query(db, limitValues(shares), r -> r.getString(1))
                      .toArray(String[]::new)
                  : new String[0];
          return LOCK_DUE.query(
              db,
              lockValues(instantLimit, instantRank, longLimit, longRank, shares, locked),
              r -> {
                JobEntity job = JobRows.job(r);
                if (r.getBoolean("long_lane")) {
                  longRunning.add(job);
                } else {
                  instant.add(job);
                  full[0] |= r.getBoolean("tenant_full");
                }
                return job;
              });
        });
    return new Due(instant, longRunning, full[0]);
  }

  /** The plan {@link #lockDue} runs, as {@code explain} prints it (for tests and operators). */
  public List<String> lockDuePlan(int instantLimit, int longLimit, Shares shares) {
    return inClaimOrder(
        () ->
            EXPLAIN_LOCK_DUE.query(
                db,
                lockValues(
                    instantLimit,
                    Priority.LOWEST_RANK,
                    longLimit,
                    Priority.LOWEST_RANK,
                    shares,
                    new String[0]),
                r -> r.getString(1)));
  }

  private static Map<String, Object> limitValues(Shares shares) {
    Map<String, Object> values = new HashMap<>();
    values.put("defaultMaxRunning", shares.defaultMaxRunning());
    values.put("limitTenants", shares.limitTenants());
    return values;
  }

  private static Map<String, Object> lockValues(
      int instantLimit,
      int instantRank,
      int longLimit,
      int longRank,
      Shares shares,
      String[] lockedTenants) {
    Map<String, Object> values = limitValues(shares);
    values.put("instantRank", instantRank);
    values.put("longRank", longRank);
    values.put("instantLimit", Math.max(0, instantLimit));
    values.put("longLimit", Math.max(0, longLimit));
    values.put("weightTenants", shares.weightTenants());
    values.put("weights", shares.weights());
    values.put("limits", shares.limits());
    values.put("lockedTenants", lockedTenants);
    return values;
  }

  private <T> T inClaimOrder(java.util.function.Supplier<T> claim) {
    PLAN_IN_CLAIM_ORDER.query(db, Map.of(), r -> null);
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
