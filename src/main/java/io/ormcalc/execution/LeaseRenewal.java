package io.ormcalc.execution;

import io.ormcalc.execution.RunningJobs.RunningJob;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Renews, in one statement, the leases of every job this replica runs, and learns from the same
 * answer which of them were cancelled elsewhere (their calculations are told to stop) and which
 * this replica no longer holds (finished since, or taken over by another replica after this one
 * lost the lease: they are told to stop too; the worker's guarded write tells which it was).
 */
@ApplicationScoped
public class LeaseRenewal {

  private static final Logger LOG = Logger.getLogger(LeaseRenewal.class);

  private final JobStore store;
  private final RunningJobs running;
  private final InstanceId instance;
  private final ExecutionConfig config;

  public LeaseRenewal(
      JobStore store, RunningJobs running, InstanceId instance, ExecutionConfig config) {
    this.store = store;
    this.running = running;
    this.instance = instance;
    this.config = config;
  }

  @Scheduled(
      every = "{ormcalc.execution.lease-renewal-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    List<RunningJob> jobs = running.all();
    if (jobs.isEmpty()) {
      return;
    }
    Map<String, Boolean> held =
        store.renewLeases(
            instance.get(), jobs.stream().map(RunningJob::jobId).toList(), config.lease());
    for (RunningJob job : jobs) {
      Boolean cancelRequested = held.get(job.jobId());
      if (cancelRequested == null) {
        // not held: finished meanwhile (the usual case: it is no longer registered here), or the
        // lease was lost (expired and rescued elsewhere): then its calculation must stop
        if (running.cancel(job.jobId())) {
          LOG.warnf(
              "job %s is no longer leased to %s; stopping its calculation",
              job.jobId(), instance.get());
        }
      } else if (cancelRequested) {
        running.cancel(job.jobId());
      }
    }
  }
}
