package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.AmountUnit;
import java.math.BigDecimal;
import java.util.List;

/**
 * Result of the standardised approach with every intermediate value, amounts in {@link #amountUnit}
 * of {@link #currency}.
 *
 * <p>ORC = BIC × ILM (OPE25.2), RWA = 12.5 × ORC (OPE25.2). The headline figures come first, then
 * the workings from which each can be re-derived.
 */
public record SmaResult(
    RuleSet ruleSet,
    String currency,
    AmountUnit amountUnit,
    BigDecimal operationalRiskCapital,
    BigDecimal riskWeightedAssets,
    BigDecimal businessIndicator,
    BigDecimal ildc,
    BigDecimal sc,
    BigDecimal fc,
    int bucket,
    BigDecimal bic,
    BigDecimal averageAnnualLoss,
    int lossYears,
    BigDecimal lossComponent,
    BigDecimal lcBicRatio,
    BigDecimal calculatedIlm,
    BigDecimal ilm,
    String ilmBasis,
    List<BigDecimal> bucketEdges,
    List<BicSlice> bicSlices,
    BusinessIndicatorAverages averages,
    List<YearlyBusinessIndicator> businessIndicatorYears,
    LossComponent losses) {

  /** OPE25.2: RWA for operational risk are 12.5 times ORC. */
  public static final BigDecimal RWA_MULTIPLIER = new BigDecimal("12.5");
}
