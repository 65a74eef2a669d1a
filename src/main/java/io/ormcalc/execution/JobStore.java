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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The database calls of the job machinery, each in its own transaction and retried on transient
 * database trouble (a dropped connection, a failover, a full pool), so a blip does not fail a job
 * whose calculation succeeded. Every write is guarded, so a retry of a write that did commit
 * changes nothing the second time.
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

  public List<JobEntity> claim(String owner, int limit, Duration lease) {
    return QuarkusTransaction.requiringNew().call(() -> queue.claim(owner, limit, lease));
  }

  public Optional<JobEntity> complete(String id, Holder holder, String result, AuditContext audit) {
    return QuarkusTransaction.requiringNew().call(() -> jobs.complete(id, holder, result, audit));
  }

  public Optional<JobEntity> fail(String id, Holder holder, JobError error, AuditContext audit) {
    return QuarkusTransaction.requiringNew().call(() -> jobs.fail(id, holder, error, audit));
  }

  public Optional<JobEntity> retryLater(
      String id, Holder holder, JobError error, Duration delay, AuditContext audit) {
    return QuarkusTransaction.requiringNew()
        .call(() -> jobs.retryLater(id, holder, error, delay, audit));
  }

  public Optional<JobEntity> cancelRunning(String id, Holder holder, AuditContext audit) {
    return QuarkusTransaction.requiringNew().call(() -> jobs.cancelRunning(id, holder, audit));
  }

  public Map<String, Boolean> renewLeases(String owner, List<String> ids, Duration lease) {
    return QuarkusTransaction.requiringNew().call(() -> queue.renewLeases(owner, ids, lease));
  }

  public int writeProgress(String owner, List<JobQueue.Progress> progress) {
    return QuarkusTransaction.requiringNew().call(() -> queue.writeProgress(owner, progress));
  }

  public int release(String owner, String actor) {
    return QuarkusTransaction.requiringNew().call(() -> queue.release(owner, actor));
  }

  public int rescue(String formerSelf, int limit, String actor) {
    return QuarkusTransaction.requiringNew().call(() -> queue.rescue(formerSelf, limit, actor));
  }
}
