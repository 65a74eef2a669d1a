package io.ormcalc.execution;

import io.ormcalc.job.AuditContext;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobError;
import io.ormcalc.job.JobQueue;
import io.ormcalc.job.JobWriter;
import io.ormcalc.job.JobWriter.Holder;
import io.ormcalc.job.NamedSql.DatabaseException;
import io.ormcalc.job.NamedSql.IntegrityViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The database calls of the job machinery, each atomic on its own (one statement, autocommitted: no
 * transaction manager on the hot path; the claiming batch is one transaction) and retried on
 * transient database trouble (a dropped connection, a failover, a full pool), so a blip does not
 * fail a job whose calculation succeeded. Every write is guarded, so a retry of a write that did
 * commit changes nothing the second time.
 */
@ApplicationScoped
@Retry(
    maxRetries = 3,
    delay = 200,
    jitter = 100,
    retryOn = {PersistenceException.class, SQLException.class, DatabaseException.class},
    abortOn = {ConstraintViolationException.class, IntegrityViolation.class})
public class JobStore {

  private final JobWriter jobs;
  private final JobQueue queue;

  public JobStore(JobWriter jobs, JobQueue queue) {
    this.jobs = jobs;
    this.queue = queue;
  }

  /**
   * What one claiming transaction came to: jobs finished at once (with how long each calculation
   * took, by job id), jobs claimed to run, and whether it locked as many due jobs as it could (so
   * that more are likely due).
   */
  public record Batch(
      List<JobEntity> finished, Map<String, Duration> took, List<JobEntity> claimed, boolean full) {

    /**
     * Whether more closed-form jobs are likely due at once: this batch locked all it could and
     * finished some. A backlog of long jobs only (LDA) wakes no helper.
     */
    public boolean moreInstantLikely() {
      return full && !finished.isEmpty();
    }
  }

  /**
   * One transaction: locks up to {@code limit} due jobs (most urgent first), lets {@code instantly}
   * calculate those that are closed-form while their rows are locked and records them finished in
   * one statement (they never hold a lease: a replica dying mid-batch rolls the transaction back
   * and they stay queued), and claims up to {@code free} of the others for the workers.
   */
  public Batch claimBatch(
      String owner,
      int free,
      int limit,
      Duration lease,
      Function<JobEntity, Optional<JobQueue.Finished>> instantly) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<JobQueue.Finished> done = new ArrayList<>();
              List<String> toClaim = new ArrayList<>();
              List<JobEntity> due = queue.lockDue(limit);
              for (JobEntity job : due) {
                Optional<JobQueue.Finished> finished = instantly.apply(job);
                if (finished.isPresent()) {
                  done.add(finished.get());
                } else if (toClaim.size() < free) {
                  toClaim.add(job.id);
                }
              }
              Map<String, Duration> took = new HashMap<>();
              done.forEach(f -> took.put(f.jobId(), f.took()));
              return new Batch(
                  queue.finishLocked(owner, done),
                  took,
                  queue.claimLocked(owner, toClaim, lease),
                  due.size() == limit);
            });
  }

  public Optional<JobEntity> complete(String id, Holder holder, String result, AuditContext audit) {
    return jobs.complete(id, holder, result, audit);
  }

  public Optional<JobEntity> fail(String id, Holder holder, JobError error, AuditContext audit) {
    return jobs.fail(id, holder, error, audit);
  }

  public Optional<JobEntity> retryLater(
      String id, Holder holder, JobError error, Duration delay, AuditContext audit) {
    return jobs.retryLater(id, holder, error, delay, audit);
  }

  public Optional<JobEntity> cancelRunning(String id, Holder holder, AuditContext audit) {
    return jobs.cancelRunning(id, holder, audit);
  }

  public Map<String, Boolean> renewLeases(String owner, List<String> ids, Duration lease) {
    return queue.renewLeases(owner, ids, lease);
  }

  public int writeProgress(String owner, List<JobQueue.Progress> progress) {
    return queue.writeProgress(owner, progress);
  }

  public int release(String owner, String actor) {
    return queue.release(owner, actor);
  }

  public int rescue(String formerSelf, int limit, String actor) {
    return queue.rescue(formerSelf, limit, actor);
  }
}
