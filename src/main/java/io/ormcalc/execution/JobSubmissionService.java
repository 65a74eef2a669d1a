package io.ormcalc.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.calculation.InputViolation;
import io.ormcalc.calculation.InvalidInputException;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.job.AuditContext;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.InputHash;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobIds;
import io.ormcalc.job.JobRepository;
import io.ormcalc.job.JobsConfig;
import io.ormcalc.job.Priority;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Accepts a calculation: validates it completely, stores it as a job, runs it and records the
 * outcome. Nothing is stored for a request that fails validation.
 *
 * <p>A synchronous job is inserted {@code queued} and started in one transaction, calculated
 * outside any transaction, and finished in a second one; each step appends to the audit trail. The
 * first commit does not wait for its WAL flush: the second, durable commit flushes the WAL up to
 * and including the first, and a crash between them loses only a job whose id was never answered to
 * anyone.
 */
@ApplicationScoped
public class JobSubmissionService {

  /** The latest time zone (UTC+14): a date that is today anywhere on earth is not in the future. */
  static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);

  private final CalculationModels models;
  private final CalculationGateway gateway;
  private final JobRepository jobs;
  private final JobsConfig config;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final String engineVersion;

  public JobSubmissionService(
      CalculationModels models,
      CalculationGateway gateway,
      JobRepository jobs,
      JobsConfig config,
      ObjectMapper mapper,
      Clock clock,
      @ConfigProperty(name = "quarkus.application.version") String engineVersion) {
    this.models = models;
    this.gateway = gateway;
    this.jobs = jobs;
    this.config = config;
    this.mapper = mapper;
    this.clock = clock;
    this.engineVersion = engineVersion;
  }

  /**
   * Runs the submission synchronously and returns the finished job (completed or failed).
   *
   * @throws InvalidInputException when anything in the request is invalid; nothing is stored
   */
  public JobEntity submit(JobSubmission submission, AuditContext audit) {
    PreparedCalculation prepared = validate(submission);
    JobEntity job = newJob(submission, prepared, audit);
    QuarkusTransaction.requiringNew().run(() -> jobs.insert(job, true, audit));
    JobOutcome outcome = gateway.run(prepared);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<JobEntity> finished = Optional.empty();
              if (outcome instanceof JobOutcome.Completed completed) {
                finished = jobs.complete(job.id, 1, json(completed.result()), audit);
              } else if (outcome instanceof JobOutcome.Failed failed) {
                finished = jobs.fail(job.id, 1, failed.error(), audit);
              }
              return finished.orElseThrow(
                  () -> new IllegalStateException("job " + job.id + " changed under its creator"));
            });
  }

  private PreparedCalculation validate(JobSubmission submission) {
    LocalDate latest = LocalDate.now(clock.withZone(LATEST_ZONE));
    if (submission.calculationDate().isAfter(latest)) {
      throw new InvalidInputException(
          List.of(new InputViolation("calculation_date", "must not be in the future")));
    }
    if (submission.executionMode() == ExecutionMode.ASYNC) {
      throw new InvalidInputException(
          List.of(
              new InputViolation(
                  "execution_mode", "async execution is not available in this version")));
    }
    return models.prepare(
        submission.modelName(),
        submission.inputs(),
        submission.parameters(),
        submission.calculationDate());
  }

  private JobEntity newJob(JobSubmission s, PreparedCalculation prepared, AuditContext audit) {
    Priority priority = s.priority() == null ? Priority.NORMAL : s.priority();
    JobEntity job = new JobEntity();
    job.id = JobIds.newJobId();
    job.runId = JobIds.newRunId();
    job.modelName = s.modelName();
    job.entityId = s.entityId();
    job.calculationDate = s.calculationDate();
    job.requestedExecutionMode = s.executionMode() == null ? ExecutionMode.AUTO : s.executionMode();
    job.executionMode = ExecutionMode.SYNC;
    job.estimatedDurationSeconds = CostModel.estimateSeconds(s.modelName());
    job.priority = priority;
    job.priorityRank = priority.rank();
    job.progressPercentage = BigDecimal.ZERO;
    job.maxAttempts = config.maxAttempts();
    job.callbackUrl = s.callbackUrl();
    job.inputs = json(s.inputs());
    job.parameters = json(prepared.parameters());
    job.attemptErrors = "[]";
    job.inputHash =
        InputHash.of(
            s.modelName().toString(),
            s.entityId(),
            s.calculationDate(),
            s.inputs(),
            s.parameters());
    job.engineVersion = engineVersion;
    job.ruleSet = prepared.ruleSet();
    job.correlationId = audit.correlationId();
    return job;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
