package io.ormcalc.calculation.lda;

import io.ormcalc.calculation.AmountUnit;
import java.math.BigDecimal;
import java.util.List;

/**
 * Result of the Loss Distribution Approach.
 *
 * @param seed the seed used (given, or derived from the inputs): with the inputs it reproduces
 *     every digit
 * @param quantileDefinition how VaR and ES are read from the simulated years
 * @param diversificationBenefit Σ unit VaRs − total VaR at the confidence (0 when comonotonic)
 */
public record LdaResult(
    String currency,
    AmountUnit amountUnit,
    long simulations,
    BigDecimal confidence,
    long seed,
    String aggregation,
    String quantileDefinition,
    int chunkSize,
    LdaMeasures total,
    BigDecimal sumOfUnitVars,
    BigDecimal diversificationBenefit,
    BigDecimal diversificationBenefitRatio,
    List<LdaMeasures> units) {

  public static final String QUANTILE_DEFINITION =
      "VaR(a) is the order statistic of rank ceil(a*N) of the N simulated annual losses;"
          + " ES(a) is the mean of the order statistics of rank ceil(a*N) to N";
}
