package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.AmountUnit;
import java.util.List;

/**
 * Input of the Alternative Standardised Approach: gross income of the lines other than retail and
 * commercial banking, and the loans and advances that measure those two.
 */
public record AsaInput(
    String currency,
    AmountUnit amountUnit,
    List<BusinessLineIncome> businessLines,
    LoansAndAdvances loansAndAdvances) {

  public AmountUnit unit() {
    return amountUnit == null ? AmountUnit.UNIT : amountUnit;
  }
}
