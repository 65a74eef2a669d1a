package io.ormcalc.calculation;

/**
 * A calculation whose input passed validation and whose parameters have their defaults filled in:
 * what a job stores as lineage and what it runs.
 */
public interface PreparedCalculation {

  /** The rule set the calculation follows, e.g. {@code BCBS_2017}. */
  String ruleSet();

  /** The parameters as applied, defaults included; recorded in the job's lineage. */
  Object parameters();

  /**
   * How much work the calculation is, in the model's own unit (for a Monte Carlo, simulated years
   * times losses per year), from which the cost model estimates its duration. Zero for closed-form
   * models.
   */
  default double workUnits() {
    return 0;
  }

  /**
   * The most heap the calculation holds at once, in bytes (an upper bound): what admission counts
   * against the replica's memory budget. Zero for closed-form models, whose few objects are noise.
   */
  default long peakMemoryBytes() {
    return 0;
  }

  /**
   * Whether the calculation is closed-form: microseconds of arithmetic, with no progress to report
   * and nothing to cancel, so that a synchronous request may run it before its job is stored and
   * store the job finished. By default, those with no work units.
   */
  default boolean isInstant() {
    return workUnits() <= 0;
  }

  /**
   * Whether the same input always takes the same work to the same result (true of every model here:
   * a Monte Carlo draws from its seed). A deterministic calculation that ran out of time is not
   * retried: it would run out again.
   */
  default boolean isDeterministic() {
    return true;
  }

  /**
   * Runs the calculation.
   *
   * @param context where progress goes and cancellation comes from
   * @return the result record, every intermediate value included
   * @throws CalculationException when the formula has no answer for this input
   * @throws CancelledException when the context says to stop
   */
  Object calculate(CalculationContext context);
}
