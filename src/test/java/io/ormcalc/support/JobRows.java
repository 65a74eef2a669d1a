package io.ormcalc.support;

import io.ormcalc.job.JobIds;

/**
 * Test data builder of job rows written straight into the database, for states the API cannot
 * produce on demand: a job left running by a replica that stopped, a job finished long ago. The job
 * is a valid BIA calculation, so a worker can run it.
 */
public final class JobRows {

  private String status = "queued";
  private String leaseOwner;
  private int leaseSecondsFromNow = 30;
  private int attempt;
  private int maxAttempts = 3;
  private String completedAgo;
  private String runAtFromNow = "0 seconds";
  private String callbackUrl;
  private String tenant = "default";
  private String priority = "normal";
  private String inputs =
      "{\"annual_gross_income\":[{\"year\":2022,\"amount\":130},{\"year\":2023,\"amount\":-60},"
          + "{\"year\":2024,\"amount\":230}]}";
  private final String entityId = CalculationRequests.uniqueEntity();

  private JobRows() {}

  public static JobRows aQueuedJob() {
    return new JobRows();
  }

  /** A job running under {@code owner}'s lease, which expires {@code leaseSeconds} from now. */
  public static JobRows aRunningJob(String owner, int leaseSeconds) {
    JobRows job = new JobRows();
    job.status = "running";
    job.leaseOwner = owner;
    job.leaseSecondsFromNow = leaseSeconds;
    job.attempt = 1;
    return job;
  }

  /** A completed job that finished the given interval ago, e.g. {@code 48 hours}. */
  public static JobRows aJobCompleted(String ago) {
    JobRows job = new JobRows();
    job.status = "completed";
    job.attempt = 1;
    job.completedAgo = ago;
    return job;
  }

  public JobRows onAttempt(int attempt, int maxAttempts) {
    this.attempt = attempt;
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** For a queued job: due only this far in the future, e.g. {@code 1 day}. */
  public JobRows dueIn(String interval) {
    this.runAtFromNow = interval;
    return this;
  }

  /** With a callback: the job's end writes a webhook message. */
  public JobRows calling(String url) {
    this.callbackUrl = url;
    return this;
  }

  /** Of this tenant (default: {@code default}). */
  public JobRows forTenant(String tenantId) {
    this.tenant = tenantId;
    return this;
  }

  /** At this priority: urgent, high, normal (the default) or low. */
  public JobRows at(String priorityCode) {
    this.priority = priorityCode;
    return this;
  }

  /** Running the scripted calculation of {@link ScriptedCalculationModels} with this script. */
  public JobRows scripted(String scriptJson) {
    this.inputs = "{\"script\": " + scriptJson + "}";
    return this;
  }

  public String entityId() {
    return entityId;
  }

  /** Inserts the row; returns its id. */
  public String insert(Database db) {
    String id = JobIds.newJobId();
    boolean running = status.equals("running");
    boolean completed = status.equals("completed");
    db.tryExecuteOrFail(
        "insert into job (id, tenant_id, run_id, model_name, entity_id, calculation_date,"
            + " requested_execution_mode, execution_mode, priority, priority_rank, status, attempt,"
            + " max_attempts, run_at, started_at, completed_at, lease_owner, lease_expires_at, inputs,"
            + " parameters, result, input_hash, engine_version, rule_set, callback_url)"
            + " values (?, ?, ?, 'bia', ?, date '2024-12-31', 'async', 'async', ?,"
            + " case ? when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end,"
            + " ?, ?, ?,"
            + " now() + cast(? as interval),"
            + " case when ? then now() - interval '1 minute' end,"
            + " case when ? then now() - cast(? as interval) end,"
            + " ?, case when ? then now() + make_interval(secs => ?) end,"
            + " cast(? as json), '{}'::json, case when ? then '{}'::json end, ?, 'test', 'BASEL_II',"
            + " ?)",
        id,
        tenant,
        JobIds.newRunId(),
        entityId,
        priority,
        priority,
        status,
        attempt,
        maxAttempts,
        runAtFromNow,
        running || completed,
        completed,
        completedAgo == null ? "0 seconds" : completedAgo,
        leaseOwner,
        running,
        leaseSecondsFromNow,
        inputs,
        completed,
        "0".repeat(64),
        callbackUrl);
    return id;
  }
}
