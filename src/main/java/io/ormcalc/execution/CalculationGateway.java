package io.ormcalc.execution;

import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.CalculationException;
import io.ormcalc.calculation.CancelledException;
import io.ormcalc.calculation.InvalidInputException;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.job.JobError;
import io.ormcalc.job.ModelName;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs one attempt of a prepared calculation under its model's time limit and turns whatever
 * happens into a {@link JobOutcome}: the edge between the plain-Java formulas and the jobs.
 *
 * <p>The limit is SmallRye Fault Tolerance's timeout, in its programmatic form because the value
 * differs per model ({@code ormcalc.execution.timeout.<model>}, else {@code default-timeout}),
 * which an annotation attribute cannot. On expiry the calculation's thread is interrupted; {@link
 * CalculationContext#checkCancelled()} turns that into a stop between chunks.
 *
 * <p>Retryable: I/O trouble, an interruption that was not a cancellation, and the timeout of a
 * calculation that is not {@linkplain PreparedCalculation#isDeterministic() deterministic}. Not
 * retryable: invalid input, calculation errors, bugs, the timeout of a deterministic calculation
 * (every model here: the same input takes the same time again, so a retry would only burn another
 * time limit) and an exhausted resource ({@code RESOURCE_EXHAUSTED}: the heap or the stack ran out;
 * the attempt's memory is garbage once it fails, so the replica's other jobs go on).
 *
 * <p>The time limit counts from the start of the attempt: time spent waiting for the LDA pool
 * counts, so a limit bounds what the client waits, not only what the calculation computes.
 */
@ApplicationScoped
public class CalculationGateway {

  private static final Logger LOG = Logger.getLogger(CalculationGateway.class);

  private final Map<ModelName, Guard> guards = new EnumMap<>(ModelName.class);
  private final Map<ModelName, Duration> limits = new EnumMap<>(ModelName.class);

  public CalculationGateway(ExecutionConfig config) {
    for (ModelName model : ModelName.values()) {
      Duration limit = config.timeout().getOrDefault(model.toString(), config.defaultTimeout());
      limits.put(model, limit);
      guards.put(
          model,
          Guard.create()
              .withDescription("calculation timeout of " + model)
              .withTimeout()
              .duration(limit.toMillis(), ChronoUnit.MILLIS)
              .done()
              .build());
    }
  }

  public Duration timeoutOf(ModelName model) {
    return limits.get(model);
  }

  public JobOutcome run(
      ModelName model, PreparedCalculation calculation, CalculationContext context) {
    try {
      Object result = guards.get(model).call(() -> calculation.calculate(context), Object.class);
      return JobOutcome.completed(result);
    } catch (TimeoutException e) {
      return JobOutcome.failed(timedOut(model, calculation));
    } catch (OutOfMemoryError | StackOverflowError e) {
      LOG.errorf("calculation exhausted a resource: %s", e.toString());
      return JobOutcome.failed(
          new JobError(
              "RESOURCE_EXHAUSTED",
              "the calculation ran out of "
                  + (e instanceof OutOfMemoryError ? "memory" : "stack")
                  + " on its replica; it is not retried, since it would again",
              false));
    } catch (CancelledException e) {
      return context.isCancelled()
          ? JobOutcome.cancelled()
          : JobOutcome.failed(new JobError("INTERRUPTED", "the calculation was interrupted", true));
    } catch (CalculationException e) {
      return JobOutcome.failed(new JobError(e.errorCode(), e.getMessage(), false));
    } catch (InvalidInputException e) {
      return JobOutcome.failed(new JobError("VALIDATION_ERROR", e.getMessage(), false));
    } catch (UncheckedIOException | IOException e) {
      LOG.warnf(e, "calculation met an I/O failure");
      return JobOutcome.failed(
          new JobError("IO_ERROR", "the calculation met an I/O failure", true));
    } catch (ArithmeticException e) {
      LOG.warnf(e, "calculation failed on arithmetic");
      return JobOutcome.failed(
          new JobError(
              "CALCULATION_ERROR", "the calculation has no finite result for this input", false));
    } catch (Exception e) {
      LOG.errorf(e, "calculation failed unexpectedly");
      return JobOutcome.failed(
          new JobError("INTERNAL_ERROR", "the calculation failed unexpectedly", false));
    } finally {
      Thread.interrupted(); // a timeout's interrupt must not reach the database calls that follow
    }
  }

  private JobError timedOut(ModelName model, PreparedCalculation calculation) {
    String limit = "the attempt exceeded the time limit of " + model + " (" + limits.get(model);
    if (calculation.isDeterministic()) {
      return new JobError(
          "TIMEOUT",
          limit
              + ", counted from the attempt's start); the calculation is deterministic and would"
              + " take as long again, so it is not retried",
          false);
    }
    return new JobError("TIMEOUT", limit + ", counted from the attempt's start)", true);
  }
}
