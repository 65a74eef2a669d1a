package io.ormcalc.maintenance;

import io.ormcalc.job.AuditContext;
import io.ormcalc.job.JobPurge;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes finished (completed, failed, cancelled) jobs older than the cleanup age, in batches of
 * one transaction each; queued and running jobs are never purged. Scheduled, and callable on demand
 * by the cleanup endpoint.
 */
@ApplicationScoped
public class PurgeFinishedJobsTask {

  private static final Logger LOG = Logger.getLogger(PurgeFinishedJobsTask.class);

  private final JobPurge purge;
  private final MaintenanceConfig config;

  public PurgeFinishedJobsTask(JobPurge purge, MaintenanceConfig config) {
    this.purge = purge;
    this.config = config;
  }

  @Scheduled(
      every = "{ormcalc.maintenance.purge-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    QuarkusTransaction.requiringNew().call(purge::purgeOutcomeCounters);
    int purged = run(Duration.ofHours(config.cleanupAgeHours()), new AuditContext("purger", null));
    if (purged > 0) {
      LOG.infof("purged %d finished job(s) older than %d h", purged, config.cleanupAgeHours());
    }
  }

  /** Purges every finished job older than {@code age}; returns how many. */
  public int run(Duration age, AuditContext audit) {
    int total = 0;
    int batch;
    do {
      batch =
          QuarkusTransaction.requiringNew()
              .call(() -> purge.purgeBatch(age, config.purgeBatchSize(), audit));
      total += batch;
    } while (batch == config.purgeBatchSize());
    return total;
  }
}
