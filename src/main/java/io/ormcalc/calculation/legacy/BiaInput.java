package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.AmountUnit;
import java.util.List;

/** Input of the Basic Indicator Approach: three years of annual gross income. */
public record BiaInput(String currency, AmountUnit amountUnit, List<YearAmount> annualGrossIncome) {

  public AmountUnit unit() {
    return amountUnit == null ? AmountUnit.UNIT : amountUnit;
  }
}
