package io.ormcalc.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.calculation.InputViolation;
import io.ormcalc.calculation.InvalidInputException;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.execution.RunningJobs.RunningJob;
import io.ormcalc.job.AuditContext;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.InputHash;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobError;
import io.ormcalc.job.JobIds;
import io.ormcalc.job.JobInserts.NewJob;
import io.ormcalc.job.JobRepository;
import io.ormcalc.job.JobWriter;
import io.ormcalc.job.JobWriter.Holder;
import io.ormcalc.job.JobsConfig;
import io.ormcalc.job.Priority;
import io.ormcalc.metrics.Metrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Accepts a calculation: validates it completely, decides where it runs, stores it as a job and
 * either runs it while the client waits or leaves it to the dispatcher. Nothing is stored for a
 * request that fails validation; a repeated idempotency key returns the job it made the first time.
 *
 * <p>Execution mode: {@code sync} runs now; {@code async} queues; {@code auto} runs now when the
 * model's estimated duration is below {@code sync-threshold}. A synchronous job is stored already
 * claimed by its request (running, attempt 1, leased to this replica), computed on a managed
 * executor of its own (no request context travels with it: the job may outlive the request), and
 * awaited at most {@code sync-threshold}: a request that outlives it, or whose job is re-queued for
 * a retry, is answered {@link Submission.Kind#ACCEPTED} while the job goes on asynchronously.
 */
@ApplicationScoped
public class JobSubmissionService {

  /** The latest time zone (UTC+14): a date that is today anywhere on earth is not in the future. */
  static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);

  private final CalculationModels models;
  private final CostModel costModel;
  private final JobWorker worker;
  private final JobRepository jobs;
  private final JobWriter writer;
  private final JobInsertBatcher inserts;
  private final RunningJobs running;
  private final LdaMemory memory;
  private final io.ormcalc.job.DispatchPauses pauses;
  private final Dispatcher dispatcher;
  private final InstanceId instance;
  private final JobsConfig jobsConfig;
  private final ExecutionConfig config;
  private final ManagedExecutor syncExecutor;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Metrics metrics;
  private final String engineVersion;

  public JobSubmissionService(
      CalculationModels models,
      CostModel costModel,
      JobWorker worker,
      JobRepository jobs,
      JobWriter writer,
      JobInsertBatcher inserts,
      RunningJobs running,
      LdaMemory memory,
      io.ormcalc.job.DispatchPauses pauses,
      Dispatcher dispatcher,
      InstanceId instance,
      JobsConfig jobsConfig,
      ExecutionConfig config,
      ObjectMapper mapper,
      Clock clock,
      @ConfigProperty(name = "quarkus.application.version") String engineVersion,
      Metrics metrics) {
    this.metrics = metrics;
    this.models = models;
    this.costModel = costModel;
    this.worker = worker;
    this.jobs = jobs;
    this.writer = writer;
    this.inserts = inserts;
    this.running = running;
    this.memory = memory;
    this.pauses = pauses;
    this.dispatcher = dispatcher;
    this.instance = instance;
    this.jobsConfig = jobsConfig;
    this.config = config;
    this.syncExecutor =
        ManagedExecutor.builder()
            .maxAsync(2 * config.maxConcurrentJobs()) // what the slots admit at most
            .propagated(ThreadContext.NONE)
            .cleared(ThreadContext.ALL_REMAINING)
            .build();
    this.mapper = mapper;
    this.clock = clock;
    this.engineVersion = engineVersion;
  }

  @PreDestroy
  void stop() {
    syncExecutor.shutdown();
  }

  /** What became of a submission, and so how the API answers it. */
  public record Submission(Kind kind, JobEntity job) {

    public enum Kind {
      /** Ran to an end while the client waited: completed, failed or cancelled. */
      FINISHED,
      /** Queued, or still running past the threshold: the client polls the job. */
      ACCEPTED,
      /** The idempotency key named an earlier identical request: its job. */
      REPLAYED
    }
  }

  /** A key used again with a request that differs from the one it first came with. */
  public static final class IdempotencyKeyReusedException extends RuntimeException {
    private final String jobId;

    IdempotencyKeyReusedException(String jobId) {
      super("the idempotency key was first used with a different request", null, false, false);
      this.jobId = jobId;
    }

    public String jobId() {
      return jobId;
    }
  }

  /**
   * @param idempotencyKey null, or the client's key for this request
   * @throws InvalidInputException when anything in the request is invalid; nothing is stored
   * @throws LdaMemory.MemoryLimitExceededException when the calculation would need more memory than
   *     a job may use here; nothing is stored
   * @throws IdempotencyKeyReusedException when the key came with another request before
   */
  public Submission submit(JobSubmission submission, String idempotencyKey, AuditContext audit) {
    PreparedCalculation prepared = validate(submission);
    BigDecimal estimate = costModel.estimateSeconds(submission.modelName(), prepared);
    ExecutionMode mode = decide(submission, estimate);
    if (mode == ExecutionMode.SYNC
        && pauses.isPaused(submission.modelName(), submission.tenantId())) {
      if (submission.executionMode() == ExecutionMode.SYNC) {
        throw new DispatchPausedException(submission.modelName(), submission.tenantId());
      }
      mode = ExecutionMode.ASYNC; // queued, to start when dispatch resumes
    }
    JobEntity job = newJob(submission, prepared, mode, estimate, audit);
    String requestHash = idempotencyKey == null ? null : requestHash(submission);
    if (mode == ExecutionMode.SYNC && prepared.isInstant()) {
      Optional<Submission> done =
          calculateThenStore(job, prepared, idempotencyKey, requestHash, audit);
      if (done.isPresent()) {
        return done.get();
      }
      // a retryable failure of a closed-form model: stored and run as a job like any other
    }
    Dispatcher.Ticket ticket = null;
    if (mode == ExecutionMode.SYNC) {
      ticket = admitSynchronous(job, prepared);
    }
    Holder holder = ticket != null ? new Holder(1, instance.get()) : null;
    try {
      // one statement, autocommitted: atomic on its own (a queued job's shared with its
      // neighbours')
      Optional<JobEntity> inserted =
          holder == null
              ? inserts.store(new NewJob(job, idempotencyKey, requestHash, null, null, audit))
              : writer.insert(job, idempotencyKey, requestHash, holder, config.lease(), audit);
      if (inserted.isEmpty()) {
        metrics.idempotentReplay();
        return replay(submission.tenantId(), idempotencyKey, requestHash);
      }
      metrics.submitted(inserted.get());
      if (holder == null) {
        dispatcher.wake(inserted.get().priority.rank());
        return new Submission(Submission.Kind.ACCEPTED, inserted.get());
      }
      Dispatcher.Ticket held = ticket;
      ticket = null; // the execution closes it when its calculation ends
      return runWhileTheClientWaits(inserted.get(), prepared, audit, held);
    } finally {
      if (ticket != null) {
        ticket.close();
      }
    }
  }

  /**
   * A synchronous execution takes a slot and its memory ({@link Dispatcher#admitSynchronous}); when
   * none is free, an {@code auto} job is queued instead (its mode becomes {@code async}) and an
   * explicit {@code sync} request is refused: there is no in-memory queue of synchronous work.
   *
   * @return the ticket, or null when the job was turned asynchronous
   * @throws SynchronousCapacityExceededException for an explicit {@code sync} request
   */
  private Dispatcher.Ticket admitSynchronous(JobEntity job, PreparedCalculation prepared) {
    Optional<Dispatcher.Ticket> ticket =
        dispatcher.admitSynchronous(job.priority.rank(), prepared.peakMemoryBytes());
    if (ticket.isPresent()) {
      return ticket.get();
    }
    if (job.requestedExecutionMode == ExecutionMode.SYNC) {
      metrics.synchronousRefused();
      throw new SynchronousCapacityExceededException(RETRY_AFTER_SECONDS);
    }
    job.executionMode = ExecutionMode.ASYNC;
    return null;
  }

  /** An explicit synchronous request for a model or tenant whose dispatch is paused. */
  public static final class DispatchPausedException extends RuntimeException {
    DispatchPausedException(io.ormcalc.job.ModelName model, String tenant) {
      super(
          "dispatch of model "
              + model
              + " or of tenant "
              + tenant
              + " is paused by an administrator",
          null,
          false,
          false);
    }
  }

  /** What a refused synchronous request is told to wait before it asks again. */
  static final int RETRY_AFTER_SECONDS = 2;

  /**
   * Every slot for synchronous work is taken (or the memory of its calculation is): answered 503
   * with {@code Retry-After}; nothing is stored.
   */
  public static final class SynchronousCapacityExceededException extends RuntimeException {
    private final int retryAfterSeconds;

    SynchronousCapacityExceededException(int retryAfterSeconds) {
      super("every slot for synchronous calculations on this replica is taken", null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /**
   * A closed-form calculation (microseconds) runs before its job is stored, and the job is stored
   * finished with its whole trail (created, started, completed or failed) in one statement and one
   * commit: nothing was acknowledged before, so a crash mid-calculation loses no job. A retryable
   * failure (which closed-form models do not have, but a time limit could) stores nothing.
   *
   * @return the submission, or empty to store and run it as a job after all
   */
  private Optional<Submission> calculateThenStore(
      JobEntity job,
      PreparedCalculation prepared,
      String idempotencyKey,
      String requestHash,
      AuditContext audit) {
    long began = System.nanoTime();
    JobOutcome outcome = worker.calculateBeforeStoring(job, prepared);
    String result = null;
    JobError error = null;
    if (outcome instanceof JobOutcome.Completed completed) {
      result = worker.resultJson(completed);
    } else if (outcome instanceof JobOutcome.Failed failed && !failed.error().retryable()) {
      error = failed.error();
    } else {
      return Optional.empty();
    }
    // one statement, autocommitted: atomic on its own, shared with its neighbours'
    Optional<JobEntity> inserted =
        inserts.store(new NewJob(job, idempotencyKey, requestHash, result, error, audit));
    if (inserted.isEmpty()) {
      metrics.idempotentReplay();
      return Optional.of(replay(job.tenantId, idempotencyKey, requestHash));
    }
    JobEntity stored = inserted.get();
    metrics.submitted(stored);
    metrics.started(stored);
    metrics.attemptEnded(stored, Duration.ofNanos(System.nanoTime() - began));
    return Optional.of(new Submission(Submission.Kind.FINISHED, stored));
  }

  private Submission runWhileTheClientWaits(
      JobEntity job, PreparedCalculation prepared, AuditContext audit, Dispatcher.Ticket ticket) {
    RunningJob context = running.register(job, 1);
    CompletableFuture<JobEntity> run;
    try {
      run =
          syncExecutor.supplyAsync(
              () -> {
                try {
                  return worker.execute(job, prepared, context).join().orElse(null);
                } finally {
                  ticket.close();
                  running.unregister(context);
                }
              });
    } catch (RuntimeException rejected) {
      ticket.close();
      running.unregister(context);
      throw rejected;
    }
    try {
      JobEntity done = run.get(config.syncThreshold().toMillis(), TimeUnit.MILLISECONDS);
      if (done != null && done.status.isTerminal()) {
        return new Submission(Submission.Kind.FINISHED, done);
      }
    } catch (TimeoutException stillRunning) {
      // answered below; the calculation goes on
    } catch (ExecutionException e) {
      throw new IllegalStateException("job " + job.id + " failed to run", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // still running, or re-queued for a retry after a transient failure: it goes on in the
    // background
    QuarkusTransaction.requiringNew().run(() -> writer.continueAsync(job.id, audit));
    return new Submission(Submission.Kind.ACCEPTED, read(job.id));
  }

  private Submission replay(String tenant, String key, String requestHash) {
    JobEntity existing =
        QuarkusTransaction.requiringNew()
            .call(() -> jobs.findByIdempotencyKey(tenant, key))
            .orElseThrow(() -> new IllegalStateException("idempotency key conflict without a job"));
    if (!existing.requestHash.equals(requestHash)) {
      throw new IdempotencyKeyReusedException(existing.id);
    }
    return new Submission(Submission.Kind.REPLAYED, existing);
  }

  private JobEntity read(String id) {
    return QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));
  }

  private PreparedCalculation validate(JobSubmission submission) {
    LocalDate latest = LocalDate.now(clock.withZone(LATEST_ZONE));
    if (submission.calculationDate().isAfter(latest)) {
      throw new InvalidInputException(
          List.of(new InputViolation("calculation_date", "must not be in the future")));
    }
    PreparedCalculation prepared =
        models.prepare(
            submission.modelName(),
            submission.inputs(),
            submission.parameters(),
            submission.calculationDate());
    memory.checkAdmissible(prepared.peakMemoryBytes());
    return prepared;
  }

  /** sync and async as asked; auto by the cost model against the threshold. */
  private ExecutionMode decide(JobSubmission s, BigDecimal estimate) {
    ExecutionMode requested = s.executionMode() == null ? ExecutionMode.AUTO : s.executionMode();
    if (requested != ExecutionMode.AUTO) {
      return requested;
    }
    BigDecimal threshold = BigDecimal.valueOf(config.syncThreshold().toMillis()).movePointLeft(3);
    return estimate != null && estimate.compareTo(threshold) < 0
        ? ExecutionMode.SYNC
        : ExecutionMode.ASYNC;
  }

  private JobEntity newJob(
      JobSubmission s,
      PreparedCalculation prepared,
      ExecutionMode mode,
      BigDecimal estimate,
      AuditContext audit) {
    Priority priority = s.priority() == null ? Priority.NORMAL : s.priority();
    JobEntity job = new JobEntity();
    job.id = JobIds.newJobId();
    job.tenantId = s.tenantId();
    job.runId = JobIds.newRunId();
    job.modelName = s.modelName();
    job.entityId = s.entityId();
    job.calculationDate = s.calculationDate();
    job.requestedExecutionMode = s.executionMode() == null ? ExecutionMode.AUTO : s.executionMode();
    job.executionMode = mode;
    job.estimatedDurationSeconds = estimate;
    job.priority = priority;
    job.maxAttempts = jobsConfig.maxAttempts();
    job.callbackUrl = s.callbackUrl();
    job.inputs = json(s.inputs());
    job.parameters = json(prepared.parameters());
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

  /** What makes two requests "the same" for an idempotency key: everything but the key. */
  private String requestHash(JobSubmission s) {
    return InputHash.ofRequest(mapper.valueToTree(s));
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
