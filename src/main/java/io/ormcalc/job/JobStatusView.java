package io.ormcalc.job;

import java.math.BigDecimal;
import java.time.Instant;

/** The columns of a job that its light status needs: read without its inputs and result. */
public record JobStatusView(
    String id,
    String runId,
    JobStatus status,
    BigDecimal progressPercentage,
    boolean resultAvailable,
    int attempt,
    Instant nextAttemptAt,
    Instant cancelRequestedAt) {

  public static JobStatusView of(JobEntity job) {
    return new JobStatusView(
        job.id,
        job.runId,
        job.status,
        job.progressPercentage,
        job.result != null,
        job.attempt,
        job.nextAttemptAt,
        job.cancelRequestedAt);
  }
}
