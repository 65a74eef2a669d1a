package io.ormcalc.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.ormcalc.calculation.lda.LdaResult;
import io.ormcalc.calculation.legacy.BiaResult;
import io.ormcalc.calculation.legacy.StandardisedResult;
import io.ormcalc.calculation.sma.SmaResult;
import io.ormcalc.job.AttemptError;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobError;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.Priority;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job: its state, result, error and lineage. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Job", description = "A calculation job with its state, result, error and lineage.")
public record JobResponse(
    @Schema(description = "Job id", examples = "job_01jdb3v4k8x2m7q9r5t6w8y0za") String jobId,
    @Schema(description = "Id of this calculation run (lineage)") String runId,
    ModelName modelName,
    String entityId,
    LocalDate calculationDate,
    @Schema(description = "How the job runs, as decided (sync or async)")
        ExecutionMode executionMode,
    @Schema(description = "The cost model's estimate of the run time")
        BigDecimal estimatedDurationSeconds,
    Priority priority,
    @Schema(description = "queued, running, completed, failed or cancelled") JobStatus status,
    BigDecimal progressPercentage,
    @Schema(description = "Attempts started so far") int attempts,
    int maxAttempts,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant nextAttemptAt,
    String callbackUrl,
    boolean resultAvailable,
    @Schema(
            description = "The result with every intermediate value; null until completed",
            oneOf = {SmaResult.class, BiaResult.class, StandardisedResult.class, LdaResult.class})
        @JsonRawValue
        String result,
    @Schema(description = "Why the job failed; null otherwise", implementation = JobError.class)
        @JsonRawValue
        String error,
    @Schema(description = "Every failed attempt", implementation = AttemptError[].class)
        @JsonRawValue
        String attemptErrors,
    Lineage lineage,
    @Schema(description = "The inputs as submitted", implementation = Object.class) @JsonRawValue
        String inputs,
    @Schema(description = "When cancellation of the running job was requested")
        Instant cancelRequestedAt,
    JobLinks links) {

  /** Where to read the job and its light status. */
  @Schema(name = "JobLinks", description = "Where to read the job and its light status.")
  public record JobLinks(String self, String status) {

    static JobLinks of(String jobId) {
      String self = "/api/v1/calculation-jobs/" + jobId;
      return new JobLinks(self, self + "/status");
    }
  }

  static JobResponse of(JobEntity job) {
    return new JobResponse(
        job.id,
        job.runId,
        job.modelName,
        job.entityId,
        job.calculationDate,
        job.executionMode,
        job.estimatedDurationSeconds,
        job.priority,
        job.status,
        job.progressPercentage,
        job.attempt,
        job.maxAttempts,
        job.createdAt,
        job.startedAt,
        job.completedAt,
        job.nextAttemptAt,
        job.callbackUrl,
        job.result != null,
        job.result,
        job.error,
        job.attemptErrors,
        new Lineage(
            job.inputHash,
            job.engineVersion,
            job.ruleSet,
            job.parameters,
            job.calculatedAt,
            job.correlationId),
        job.inputs,
        job.cancelRequestedAt,
        JobLinks.of(job.id));
  }
}
