package io.ormcalc.api;

import io.ormcalc.execution.Dispatcher;
import io.ormcalc.execution.ExecutionConfig;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.Priority;
import io.ormcalc.job.QueueCounts;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Queue statistics: the caller's tenant's jobs (an administrator's: all), and this replica. */
@Schema(
    description =
        "Queue statistics: the jobs of the caller's tenant (of every tenant for calc:admin), and"
            + " this replica's processor.")
public record QueueStatistics(
    @Schema(description = "The tenant counted; null when every tenant is") String tenantId,
    @Schema(description = "Jobs in the table") long totalJobs,
    long queuedJobs,
    long runningJobs,
    long completedJobs,
    long failedJobs,
    long cancelledJobs,
    @Schema(description = "Jobs by status") Map<String, Long> statusBreakdown,
    @Schema(description = "Jobs by priority, all statuses") Map<String, Long> priorityBreakdown,
    @Schema(description = "Queued jobs by priority") Map<String, Long> queuedByPriority,
    @Schema(description = "Seconds the longest-waiting due job has waited; null when none")
        BigDecimal oldestQueuedAgeSeconds,
    long completedLastHour,
    long failedLastHour,
    long cancelledLastHour,
    @Schema(description = "MAX_CONCURRENT_JOBS of this replica") int maxConcurrentJobs,
    @Schema(description = "SYNC_EXECUTION_THRESHOLD in seconds") BigDecimal syncExecutionThreshold,
    @Schema(description = "Whether this replica's dispatcher runs") boolean processorRunning,
    @Schema(description = "Jobs this replica's dispatcher runs now") int activeJobsThisReplica,
    @Schema(description = "This replica's name in leases") String instanceId,
    @Schema(description = "Models and tenants whose dispatch is paused now")
        List<DispatchPauseResource.PauseResponse> pausedDispatch) {

  static QueueStatistics of(
      String tenantId,
      QueueCounts counts,
      ExecutionConfig config,
      Dispatcher dispatcher,
      String instanceId,
      List<DispatchPauseResource.PauseResponse> paused) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    Map<String, Long> byPriority = new LinkedHashMap<>();
    Map<String, Long> queuedByPriority = new LinkedHashMap<>();
    for (Priority priority : Priority.values()) {
      byPriority.put(priority.toString(), 0L);
    }
    counts
        .byStatusAndPriority()
        .forEach(
            (status, perPriority) -> {
              byStatus.put(
                  status.toString(), perPriority.values().stream().mapToLong(n -> n).sum());
              perPriority.forEach(
                  (priority, n) -> byPriority.merge(priority.toString(), n, Long::sum));
              if (status == JobStatus.QUEUED) {
                perPriority.forEach((priority, n) -> queuedByPriority.put(priority.toString(), n));
              }
            });
    return new QueueStatistics(
        tenantId,
        byStatus.values().stream().mapToLong(n -> n).sum(),
        byStatus.get("queued"),
        byStatus.get("running"),
        byStatus.get("completed"),
        byStatus.get("failed"),
        byStatus.get("cancelled"),
        byStatus,
        byPriority,
        queuedByPriority,
        counts.oldestDueQueuedAgeSeconds(),
        counts.completedLastHour(),
        counts.failedLastHour(),
        counts.cancelledLastHour(),
        config.maxConcurrentJobs(),
        BigDecimal.valueOf(config.syncThreshold().toMillis()).movePointLeft(3).stripTrailingZeros(),
        dispatcher.isRunning(),
        dispatcher.activeJobs(),
        instanceId,
        List.copyOf(paused));
  }
}
