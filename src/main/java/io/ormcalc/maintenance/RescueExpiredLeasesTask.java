package io.ormcalc.maintenance;

import io.ormcalc.execution.InstanceId;
import io.ormcalc.execution.JobStore;
import io.ormcalc.metrics.Metrics;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Re-queues the running jobs whose replica stopped renewing their lease (or fails them when their
 * attempts are spent), so that no job stays "running" for a dead process. Every replica runs it;
 * {@code SKIP LOCKED} makes concurrent runs divide the work instead of repeating it.
 */
@ApplicationScoped
public class RescueExpiredLeasesTask {

  private static final Logger LOG = Logger.getLogger(RescueExpiredLeasesTask.class);

  private final JobStore store;
  private final InstanceId instance;
  private final MaintenanceConfig config;
  private final Metrics metrics;

  public RescueExpiredLeasesTask(
      JobStore store, InstanceId instance, MaintenanceConfig config, Metrics metrics) {
    this.metrics = metrics;
    this.store = store;
    this.instance = instance;
    this.config = config;
  }

  @Scheduled(
      every = "{ormcalc.maintenance.rescue-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run();
  }

  /** Rescues every running job whose lease expired; returns how many. */
  public int run() {
    int total = 0;
    int batch;
    do {
      batch = store.rescue(null, config.rescueBatchSize(), "rescuer:" + instance.get());
      total += batch;
    } while (batch == config.rescueBatchSize());
    if (total > 0) {
      LOG.infof("rescued %d job(s) whose lease expired", total);
      metrics.rescued(total);
    }
    return total;
  }
}
