package io.ormcalc.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.InvalidInputException;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.execution.RunningJobs.RunningJob;
import io.ormcalc.job.AuditContext;
import io.ormcalc.job.Checkpoints;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobError;
import io.ormcalc.job.JobQueue;
import io.ormcalc.job.JobWriter.Holder;
import io.ormcalc.job.JobsConfig;
import io.ormcalc.job.RetryPolicy;
import io.ormcalc.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one attempt of a job this replica holds and records what came of it: completed, cancelled,
 * re-queued with backoff (retryable failure with attempts left) or failed. Used for claimed
 * asynchronous jobs and for synchronous ones alike.
 */
@ApplicationScoped
public class JobWorker {

  private static final Logger LOG = Logger.getLogger(JobWorker.class);

  private final CalculationModels models;
  private final CostModel costModel;
  private final CalculationGateway gateway;
  private final JobStore store;
  private final Completer completer;
  private final ObjectMapper mapper;
  private final RetryPolicy retryPolicy;
  private final Metrics metrics;
  private final InstanceId instance;
  private final LdaMemory memory;
  private final Checkpoints checkpoints;
  private final Duration checkpointInterval;
  private final String engineVersion;

  public JobWorker(
      CalculationModels models,
      CostModel costModel,
      CalculationGateway gateway,
      JobStore store,
      Completer completer,
      ObjectMapper mapper,
      JobsConfig jobsConfig,
      InstanceId instance,
      Metrics metrics,
      LdaMemory memory,
      Checkpoints checkpoints,
      @ConfigProperty(name = "ormcalc.lda.checkpoint-interval", defaultValue = "10s")
          Duration checkpointInterval,
      @ConfigProperty(name = "quarkus.application.version") String engineVersion) {
    this.memory = memory;
    this.checkpoints = checkpoints;
    this.checkpointInterval = checkpointInterval;
    this.engineVersion = engineVersion;
    this.metrics = metrics;
    this.models = models;
    this.costModel = costModel;
    this.gateway = gateway;
    this.store = store;
    this.completer = completer;
    this.mapper = mapper;
    this.retryPolicy = jobsConfig.retryPolicy();
    this.instance = instance;
  }

  /**
   * Runs the attempt and records its outcome.
   *
   * @param prepared the validated calculation, or null to prepare it from the stored job
   * @return the job as recorded, or empty when this replica no longer held it (its lease was taken
   *     over, or the attempt is stale): nothing was written then
   */
  public CompletableFuture<Optional<JobEntity>> execute(
      JobEntity job, PreparedCalculation prepared, RunningJob context) {
    JobLogContext.enter(job);
    try {
      return attempt(job, prepared, context);
    } finally {
      JobLogContext.leave();
    }
  }

  /**
   * Calculates an instant (closed-form) calculation before its job is stored, on the caller's
   * thread, under the model's time limit: the outcome the caller then stores with the job.
   */
  public JobOutcome calculateBeforeStoring(JobEntity job, PreparedCalculation prepared) {
    JobLogContext.enter(job);
    try {
      return gateway.run(job.modelName, prepared, CalculationContext.NONE);
    } finally {
      JobLogContext.leave();
    }
  }

  /**
   * For a claimed batch's locked row: calculates the job at once if it is closed-form, and says how
   * it ended; empty when it is not instant, or its failure deserves another attempt (then it is
   * claimed and run as a job).
   */
  public Optional<JobQueue.Finished> finishInstantly(JobEntity job) {
    JobLogContext.enter(job);
    try {
      long start = System.nanoTime();
      PreparedCalculation calculation;
      try {
        calculation = prepare(job);
      } catch (InvalidInputException e) {
        return Optional.of(
            new JobQueue.Finished(
                job.id, null, storedInputInvalid(e), Duration.ofNanos(System.nanoTime() - start)));
      }
      if (calculation.peakMemoryBytes() > memory.maxPerJob()) {
        // accepted under a larger limit than this replica's: it can never start here
        return Optional.of(
            new JobQueue.Finished(
                job.id,
                null,
                new JobError(
                    "MEMORY_LIMIT_EXCEEDED",
                    new LdaMemory.MemoryLimitExceededException(
                            calculation.peakMemoryBytes(), memory.maxPerJob())
                        .getMessage(),
                    false),
                Duration.ofNanos(System.nanoTime() - start)));
      }
      if (!calculation.isInstant()) {
        return Optional.empty();
      }
      JobOutcome outcome = gateway.run(job.modelName, calculation, CalculationContext.NONE);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      LOG.debugf(
          "attempt %d calculated at its claim in %d µs: %s",
          job.attempt + 1, took.toNanos() / 1000, outcome.getClass().getSimpleName());
      if (outcome instanceof JobOutcome.Completed completed) {
        return Optional.of(new JobQueue.Finished(job.id, resultJson(completed), null, took));
      }
      if (outcome instanceof JobOutcome.Failed failed && !failed.error().retryable()) {
        return Optional.of(new JobQueue.Finished(job.id, null, failed.error(), took));
      }
      return Optional.empty();
    } finally {
      JobLogContext.leave();
    }
  }

  /**
   * The estimated peak memory of a stored job's calculation (what admission reserves); zero when
   * its input no longer validates, which its attempt then records.
   */
  public long peakMemoryBytes(JobEntity job) {
    try {
      return prepare(job).peakMemoryBytes();
    } catch (InvalidInputException e) {
      return 0;
    }
  }

  /** A job {@link #finishInstantly} calculated was recorded as {@code done}: its metrics. */
  public void finishedInstantly(JobEntity done, Duration took) {
    metrics.started(done);
    metrics.attemptEnded(done, took);
  }

  /** The result of a completed calculation as stored: JSON. */
  public String resultJson(JobOutcome.Completed completed) {
    return json(completed.result());
  }

  private CompletableFuture<Optional<JobEntity>> attempt(
      JobEntity job, PreparedCalculation prepared, RunningJob context) {
    Holder holder = new Holder(job.attempt, instance.get());
    AuditContext audit = new AuditContext("worker:" + instance.get(), job.correlationId);
    if (job.cancelRequestedAt != null) {
      context.cancel(); // requested before this attempt was claimed
    }
    metrics.started(job);
    long began = System.nanoTime();
    JobOutcome outcome;
    try {
      PreparedCalculation calculation = prepared != null ? prepared : prepare(job);
      if (!calculation.isInstant()) {
        checkpointing(job, context);
      }
      long start = System.nanoTime();
      outcome = gateway.run(job.modelName, calculation, context);
      if (outcome instanceof JobOutcome.Completed) {
        costModel.record(calculation, Duration.ofNanos(System.nanoTime() - start));
      }
    } catch (InvalidInputException e) {
      outcome = JobOutcome.failed(storedInputInvalid(e));
    }
    if (context.isReleased()) {
      // handed back at shutdown; another replica runs it again
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (context.isCancelled() && !(outcome instanceof JobOutcome.Completed)) {
      outcome = JobOutcome.cancelled();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    return record(job, holder, outcome, audit)
        .thenApply(
            recorded -> {
              if (context.hasCheckpoint()) {
                dropCheckpoint(job.id); // the attempt ended: nothing resumes from it
              }
              recorded.ifPresentOrElse(
                  done -> {
                    metrics.attemptEnded(done, took);
                    LOG.debugf(
                        "attempt %d ended %s in %d ms",
                        (Object) job.attempt, done.status, took.toMillis());
                  },
                  () ->
                      LOG.infof(
                          "job %s attempt %d: no longer held by this replica; outcome discarded",
                          job.id, job.attempt));
              return recorded;
            });
  }

  /**
   * A long calculation resumes from the state an earlier attempt saved (same engine version) and
   * saves its own every {@code ormcalc.lda.checkpoint-interval} and when handed back. A checkpoint
   * that cannot be read or written costs only the work it would have saved: never the attempt.
   */
  private void checkpointing(JobEntity job, RunningJob context) {
    byte[] saved = null;
    try {
      saved = checkpoints.load(job.id, engineVersion).orElse(null);
      if (saved != null) {
        LOG.infof("attempt %d resumes from a saved state of %d bytes", job.attempt, saved.length);
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "the saved state could not be read; the calculation starts from the beginning");
    }
    context.checkpointing(
        saved,
        checkpointInterval,
        state -> {
          try {
            return checkpoints.save(job.id, job.attempt, instance.get(), engineVersion, state);
          } catch (RuntimeException e) {
            LOG.warnf(e, "the calculation's state could not be saved; it goes on");
            return false;
          }
        });
  }

  private void dropCheckpoint(String jobId) {
    try {
      checkpoints.drop(jobId);
    } catch (RuntimeException e) {
      LOG.debugf(e, "a finished job's saved state stays until the job is purged");
    }
  }

  /** Completions go through the batch completer; the rarer outcomes are written at once. */
  private CompletableFuture<Optional<JobEntity>> record(
      JobEntity job, Holder holder, JobOutcome outcome, AuditContext audit) {
    if (outcome instanceof JobOutcome.Completed completed) {
      return completer.complete(job.id, holder.attempt(), resultJson(completed), job.correlationId);
    }
    return CompletableFuture.completedFuture(recordNow(job, holder, outcome, audit));
  }

  private Optional<JobEntity> recordNow(
      JobEntity job, Holder holder, JobOutcome outcome, AuditContext audit) {
    if (outcome instanceof JobOutcome.Failed failed) {
      JobError error = failed.error();
      Optional<Duration> retry =
          retryPolicy.nextAttemptIn(
              error.retryable(),
              job.attempt,
              job.maxAttempts,
              ThreadLocalRandom.current()::nextDouble);
      return retry.isPresent()
          ? store.retryLater(job.id, holder, error, retry.get(), audit)
          : store.fail(job.id, holder, error, audit);
    }
    return store.cancelRunning(job.id, holder, audit);
  }

  /** A stored job whose input this version no longer accepts: failed for good. */
  private static JobError storedInputInvalid(InvalidInputException e) {
    return new JobError(
        "VALIDATION_ERROR", "the stored input no longer validates: " + e.getMessage(), false);
  }

  private PreparedCalculation prepare(JobEntity job) {
    try {
      return models.prepare(
          job.modelName,
          mapper.readTree(job.inputs),
          mapper.readTree(job.parameters),
          job.calculationDate);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
