package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.AmountUnit;
import java.util.List;

/** Input of the Standardised Approach: gross income by business line, three years each. */
public record TsaInput(
    String currency, AmountUnit amountUnit, List<BusinessLineIncome> businessLines) {

  public AmountUnit unit() {
    return amountUnit == null ? AmountUnit.UNIT : amountUnit;
  }
}
