package io.ormcalc.calculation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The one rounding rule of every reported amount: half-even to one hundredth of a currency unit,
 * expressed in the request's {@link AmountUnit}, then trailing zeros dropped.
 *
 * <p>Each reported figure is computed from the reported figures before it, the way a regulatory
 * return is filled in, so a reviewer can re-derive every line from the lines above it exactly.
 */
public final class Rounding {

  private Rounding() {}

  /** The amount rounded to the cent in the given unit. */
  public static BigDecimal toCent(BigDecimal amount, AmountUnit unit) {
    return tidy(amount.setScale(unit.centScale(), RoundingMode.HALF_EVEN));
  }

  /** The average of the values, rounded to the cent; zero for an empty list. */
  public static BigDecimal average(List<BigDecimal> values, AmountUnit unit) {
    if (values.isEmpty()) {
      return BigDecimal.ZERO;
    }
    BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return tidy(
        sum.divide(BigDecimal.valueOf(values.size()), unit.centScale(), RoundingMode.HALF_EVEN));
  }

  /** Drops trailing zeros without ever producing a negative scale (100, not 1E+2). */
  public static BigDecimal tidy(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
