package io.ormcalc.job;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Job counts for the statistics endpoint, read from the trigger-maintained {@code job_count} table
 * and two index-only queries, never by counting the job table.
 *
 * @param byStatusAndPriority status → priority → jobs
 * @param oldestDueQueuedAgeSeconds how long the longest-waiting due job has waited; null if none
 */
public record QueueCounts(
    Map<JobStatus, Map<Priority, Long>> byStatusAndPriority,
    BigDecimal oldestDueQueuedAgeSeconds,
    long completedLastHour,
    long failedLastHour,
    long cancelledLastHour) {

  /** Jobs in a status, all priorities. */
  public long count(JobStatus status) {
    return byStatusAndPriority.getOrDefault(status, Map.of()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
