package io.ormcalc.calculation;

/**
 * Thrown by {@link CalculationContext#checkCancelled()}: the calculation stops, its work discarded.
 */
public final class CancelledException extends RuntimeException {

  public CancelledException() {
    super("the calculation was cancelled", null, false, false);
  }
}
