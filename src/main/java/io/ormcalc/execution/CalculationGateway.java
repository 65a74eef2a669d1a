package io.ormcalc.execution;

import io.ormcalc.calculation.CalculationException;
import io.ormcalc.calculation.InvalidInputException;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.job.JobError;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs one attempt of a prepared calculation and turns whatever happens into a {@link JobOutcome}.
 * The edge between the plain-Java formulas and the job machinery.
 */
@ApplicationScoped
public class CalculationGateway {

  private static final Logger LOG = Logger.getLogger(CalculationGateway.class);

  public JobOutcome run(PreparedCalculation calculation) {
    try {
      return JobOutcome.completed(calculation.calculate());
    } catch (CalculationException e) {
      return JobOutcome.failed(new JobError(e.errorCode(), e.getMessage(), false));
    } catch (InvalidInputException e) {
      return JobOutcome.failed(new JobError("VALIDATION_ERROR", e.getMessage(), false));
    } catch (ArithmeticException e) {
      LOG.warnf(e, "calculation failed on arithmetic");
      return JobOutcome.failed(
          new JobError(
              "CALCULATION_ERROR", "the calculation has no finite result for this input", false));
    } catch (RuntimeException e) {
      LOG.errorf(e, "calculation failed unexpectedly");
      return JobOutcome.failed(
          new JobError("INTERNAL_ERROR", "the calculation failed unexpectedly", false));
    }
  }
}
