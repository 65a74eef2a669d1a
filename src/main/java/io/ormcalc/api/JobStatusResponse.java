package io.ormcalc.api;

import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.JobStatusView;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The light status of a job, cheap to poll. */
@Schema(name = "JobStatus", description = "The light status of a job, cheap to poll.")
public record JobStatusResponse(
    String jobId,
    String runId,
    JobStatus status,
    BigDecimal progressPercentage,
    boolean resultAvailable,
    int attempts,
    Instant nextAttemptAt,
    @Schema(description = "True once cancellation of the running job was requested")
        boolean cancelRequested) {

  static JobStatusResponse of(JobEntity job) {
    return of(JobStatusView.of(job));
  }

  static JobStatusResponse of(JobStatusView job) {
    return new JobStatusResponse(
        job.id(),
        job.runId(),
        job.status(),
        job.progressPercentage(),
        job.resultAvailable(),
        job.attempt(),
        job.nextAttemptAt(),
        job.cancelRequestedAt() != null);
  }
}
