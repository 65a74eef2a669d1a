package io.ormcalc.execution;

import io.ormcalc.job.AuditContext;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobRepository;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.JobWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Cancels jobs. A queued job is cancelled at once. A running job is flagged in the database and,
 * when it runs here, told at once; the replica that runs it stops the calculation at its next check
 * and records {@code cancelled} (the flag reaches other replicas with their next lease renewal). A
 * finished job cannot be cancelled.
 */
@ApplicationScoped
public class JobCancellation {

  /** The job already finished. */
  public static final class NotCancellableException extends RuntimeException {
    private final transient JobEntity job;

    NotCancellableException(JobEntity job) {
      super("job " + job.id + " is " + job.status, null, false, false);
      this.job = job;
    }

    public JobEntity job() {
      return job;
    }
  }

  private final JobRepository jobs;
  private final JobWriter writer;
  private final RunningJobs running;

  public JobCancellation(JobRepository jobs, JobWriter writer, RunningJobs running) {
    this.jobs = jobs;
    this.writer = writer;
    this.running = running;
  }

  /**
   * @param tenantScope the caller's tenant (another tenant's job counts as missing), or null for an
   *     administrator
   * @return the job after the request (cancelled, or running with its cancellation requested);
   *     empty when there is no such job
   * @throws NotCancellableException when it already finished
   */
  public Optional<JobEntity> cancel(String id, String tenantScope, AuditContext audit) {
    // A job can move between the read and the guarded write (claimed, finished); look again then.
    for (int tries = 0; tries < 5; tries++) {
      JobEntity job =
          QuarkusTransaction.requiringNew()
              .call(() -> jobs.findVisible(id, tenantScope).orElse(null));
      if (job == null) {
        return Optional.empty();
      }
      if (job.status.isTerminal()) {
        throw new NotCancellableException(job);
      }
      Optional<JobEntity> changed =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      job.status == JobStatus.QUEUED
                          ? writer.cancelQueued(id, audit)
                          : writer.requestCancellation(id, audit));
      if (changed.isPresent()) {
        if (changed.get().status == JobStatus.RUNNING) {
          running.cancel(id);
        }
        return changed;
      }
    }
    throw new IllegalStateException("job " + id + " kept changing while being cancelled");
  }
}
