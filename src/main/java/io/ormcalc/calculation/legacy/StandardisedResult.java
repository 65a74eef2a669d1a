package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.AmountUnit;
import java.math.BigDecimal;
import java.util.List;

/** Result of the Standardised (tsa) or Alternative Standardised (asa) Approach. */
public record StandardisedResult(
    String approach,
    String currency,
    AmountUnit amountUnit,
    List<LineCharge> lines,
    List<YearlyCharge> yearlyCharges,
    BigDecimal capitalCharge,
    BigDecimal riskWeightedAssets) {}
