package io.ormcalc.calculation;

import java.time.LocalDate;

/**
 * One calculation approach (SMA, BIA, TSA, ASA…): its input and parameter types, and how to turn
 * them into a {@link PreparedCalculation}.
 *
 * @param <I> the input record, read from the request's {@code inputs}
 * @param <P> the parameter record, read from the request's {@code parameters}
 */
public interface CalculationModel<I, P> {

  Class<I> inputType();

  Class<P> parametersType();

  /**
   * Validates the input and parameters together and resolves parameter defaults.
   *
   * @param parameters never null; a record of nulls when the request gave none
   * @throws InvalidInputException listing every problem found
   */
  PreparedCalculation prepare(I input, P parameters, LocalDate calculationDate);
}
