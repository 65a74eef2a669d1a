package io.ormcalc.api;

import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.Priority;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job in a listing: everything but its inputs, result and history. */
@Schema(description = "A job in a listing: everything but its inputs, result and history.")
public record JobSummary(
    String jobId,
    String runId,
    ModelName modelName,
    String entityId,
    LocalDate calculationDate,
    ExecutionMode executionMode,
    Priority priority,
    JobStatus status,
    BigDecimal progressPercentage,
    int attempts,
    int maxAttempts,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant nextAttemptAt,
    boolean resultAvailable,
    String ruleSet) {

  static JobSummary of(JobEntity job) {
    return new JobSummary(
        job.id,
        job.runId,
        job.modelName,
        job.entityId,
        job.calculationDate,
        job.executionMode,
        job.priority,
        job.status,
        job.progressPercentage,
        job.attempt,
        job.maxAttempts,
        job.createdAt,
        job.startedAt,
        job.completedAt,
        job.nextAttemptAt,
        job.result != null,
        job.ruleSet);
  }
}
