package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.AmountUnit;
import java.math.BigDecimal;
import java.util.List;

/** Result of the Basic Indicator Approach: K = α × average of the positive years' gross income. */
public record BiaResult(
    String currency,
    AmountUnit amountUnit,
    BigDecimal alpha,
    List<GrossIncomeYear> grossIncome,
    List<Integer> yearsUsed,
    BigDecimal averagePositiveGrossIncome,
    BigDecimal capitalCharge,
    BigDecimal riskWeightedAssets) {}
