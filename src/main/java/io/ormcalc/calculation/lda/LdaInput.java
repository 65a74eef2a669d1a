package io.ormcalc.calculation.lda;

import io.ormcalc.calculation.AmountUnit;
import java.util.List;

/**
 * Input of the Loss Distribution Approach.
 *
 * @param simulations simulated years (default 1,000,000)
 * @param confidence the level of the headline VaR and ES (default 0.999)
 * @param seed seed of the random streams; when absent one is derived from the inputs, so equal
 *     inputs always give equal results
 */
public record LdaInput(
    String currency,
    AmountUnit amountUnit,
    List<UnitOfMeasure> unitsOfMeasure,
    Long simulations,
    Double confidence,
    Long seed,
    AggregationSpec aggregation) {

  public AmountUnit unit() {
    return amountUnit == null ? AmountUnit.UNIT : amountUnit;
  }
}
