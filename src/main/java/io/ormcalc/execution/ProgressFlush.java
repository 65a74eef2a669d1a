package io.ormcalc.execution;

import io.ormcalc.execution.RunningJobs.RunningJob;
import io.ormcalc.job.JobQueue;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the progress the running calculations reported, for all of them in one statement, at most
 * once per interval (default 1 s): calculations never wait on the database to report.
 */
@ApplicationScoped
public class ProgressFlush {

  private final JobStore store;
  private final RunningJobs running;
  private final InstanceId instance;

  public ProgressFlush(JobStore store, RunningJobs running, InstanceId instance) {
    this.store = store;
    this.running = running;
    this.instance = instance;
  }

  @Scheduled(
      every = "{ormcalc.execution.progress-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    List<JobQueue.Progress> changed = new ArrayList<>();
    for (RunningJob job : running.all()) {
      BigDecimal percentage = job.unflushedPercentage();
      if (percentage != null) {
        changed.add(new JobQueue.Progress(job.jobId(), job.attempt(), percentage));
      }
    }
    if (!changed.isEmpty()) {
      store.writeProgress(instance.get(), changed);
    }
  }
}
