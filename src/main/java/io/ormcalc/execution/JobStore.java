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
import java.util.function.Predicate;
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
   * took, by job id), jobs claimed to run, whether a tenant had more closed-form jobs due than its
   * share of the batch, and whether every long-running job it locked was admitted (so that more may
   * start now).
   */
  public record Batch(
      List<JobEntity> finished,
      Map<String, Duration> took,
      List<JobEntity> claimed,
      boolean full,
      boolean moreLongLikely) {

    /**
     * Whether more closed-form jobs are likely due at once: a tenant had more due than its share of
     * this batch, and the batch finished some. A backlog of long jobs only (LDA) wakes no helper.
     */
    public boolean moreInstantLikely() {
      return full && !finished.isEmpty();
    }
  }

  /**
   * One transaction: locks due jobs, tenants in turn ({@link JobQueue#lockDue}): up to {@code
   * instantLimit} closed-form ones no less urgent than {@code instantRank}, which {@code instantly}
   * calculates while their rows are locked and which are recorded finished in one statement (they
   * never hold a lease: a replica dying mid-batch rolls the transaction back and they stay queued),
   * and up to {@code longLimit} long-running ones no less urgent than {@code longRank}, claimed for
   * the workers in claim order for as long as {@code admit} lets them start (a slot and their
   * memory are free), the first refused ending the lane so that none overtakes it.
   */
  public Batch claimBatch(
      String owner,
      int instantLimit,
      int instantRank,
      int longLimit,
      int longRank,
      JobQueue.Shares shares,
      Duration lease,
      Function<JobEntity, Optional<JobQueue.Finished>> instantly,
      Predicate<JobEntity> admit) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<JobQueue.Finished> done = new ArrayList<>();
              List<String> toClaim = new ArrayList<>();
              JobQueue.Due due =
                  queue.lockDue(instantLimit, instantRank, longLimit, longRank, shares);
              for (JobEntity job : due.instant()) {
                Optional<JobQueue.Finished> finished = instantly.apply(job);
                if (finished.isPresent()) {
                  done.add(finished.get());
                } else if (admit.test(job)) {
                  toClaim.add(job.id); // a retry of a closed-form job, or a scripted one: a job
                }
              }
              boolean refused = false;
              for (JobEntity job : due.longRunning()) {
                Optional<JobQueue.Finished> finished = instantly.apply(job);
                if (finished.isPresent()) {
                  done.add(finished.get()); // it can never run here: failed at once
                } else if (!refused && admit.test(job)) {
                  toClaim.add(job.id);
                } else {
                  refused = true;
                }
              }
              Map<String, Duration> took = new HashMap<>();
              done.forEach(f -> took.put(f.jobId(), f.took()));
              return new Batch(
                  queue.finishLocked(owner, done),
                  took,
                  queue.claimLocked(owner, toClaim, lease),
                  due.instantFull(),
                  !refused && longLimit > 0 && due.longRunning().size() >= longLimit);
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
