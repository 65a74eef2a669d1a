package io.ormcalc.calculation;

/**
 * Valid input for which the formula has no answer (for example an ILM with a zero BIC). The job
 * fails with {@link #errorCode()}; retrying would fail the same way.
 */
public final class CalculationException extends RuntimeException {

  private final String errorCode;

  public CalculationException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
