package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.Rounding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Business Indicator Component, OPE25.7 Table 1: the BI times marginal coefficients of 12%, 15%
 * and 18% on the slices up to the first edge, up to the second edge, and above. Edges belong to the
 * lower bucket (BI ≤ €1bn is bucket 1).
 *
 * <p>Worked example of OPE25.7 footnote 2: BI = €35bn gives 1 × 12% + 29 × 15% + 5 × 18% = €5.37bn.
 *
 * @param edges upper edges of buckets 1 and 2 in the amount unit
 */
public record BusinessIndicatorComponent(
    int bucket, List<BigDecimal> edges, List<BicSlice> slices, BigDecimal bic) {

  static BusinessIndicatorComponent of(
      BigDecimal businessIndicator, List<BigDecimal> edgesInCurrencyUnits, AmountUnit unit) {
    List<BigDecimal> edges =
        edgesInCurrencyUnits.stream().map(e -> Rounding.tidy(unit.fromCurrencyUnits(e))).toList();
    List<BicSlice> slices = new ArrayList<>();
    BigDecimal lower = BigDecimal.ZERO;
    BigDecimal bic = BigDecimal.ZERO;
    int bucket = 1;
    for (int i = 0; i < RuleSet.MARGINAL_COEFFICIENTS.size(); i++) {
      BigDecimal upper = i < edges.size() ? edges.get(i) : null;
      BigDecimal top = upper == null ? businessIndicator : businessIndicator.min(upper);
      BigDecimal inBucket = top.subtract(lower).max(BigDecimal.ZERO);
      BigDecimal coefficient = RuleSet.MARGINAL_COEFFICIENTS.get(i);
      BigDecimal contribution = inBucket.multiply(coefficient);
      slices.add(
          new BicSlice(
              i + 1,
              lower,
              upper,
              coefficient,
              Rounding.tidy(inBucket),
              Rounding.tidy(contribution)));
      bic = bic.add(contribution);
      if (businessIndicator.compareTo(lower) > 0 && i > 0) {
        bucket = i + 1;
      }
      if (upper != null) {
        lower = upper;
      }
    }
    return new BusinessIndicatorComponent(bucket, edges, slices, Rounding.toCent(bic, unit));
  }
}
