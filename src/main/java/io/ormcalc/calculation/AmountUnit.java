package io.ormcalc.calculation;

import java.math.BigDecimal;

/**
 * The unit in which a request states its amounts ({@code inputs.amount_unit}); results use the same
 * unit.
 *
 * <p>Each unit knows its size in currency units, so that rule-set thresholds (defined in currency
 * units) can be converted, and the number of decimal places that equals one hundredth of a currency
 * unit, the resolution to which reported amounts are rounded.
 */
public enum AmountUnit {
  UNIT("unit", 0),
  THOUSAND("thousand", 3),
  LAKH("lakh", 5),
  MILLION("million", 6),
  CRORE("crore", 7),
  BILLION("billion", 9);

  private final String code;
  private final int powerOfTen;

  AmountUnit(String code, int powerOfTen) {
    this.code = code;
    this.powerOfTen = powerOfTen;
  }

  /** The amount, given in currency units, expressed in this unit (exact). */
  public BigDecimal fromCurrencyUnits(BigDecimal currencyUnits) {
    return currencyUnits.movePointLeft(powerOfTen);
  }

  /**
   * Decimal places of one hundredth of a currency unit in this unit: 2 for unit, 11 for billion.
   */
  public int centScale() {
    return powerOfTen + 2;
  }

  /** The wire value, e.g. {@code million}. */
  @Override
  public String toString() {
    return code;
  }
}
