package io.ormcalc.calculation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Natural logarithm, exponential and real powers in {@link BigDecimal}, which the JDK lacks.
 *
 * <p>Results are correct to the 34 significant digits of {@link MathContext#DECIMAL128}: they are
 * computed with 50 working digits and rounded half-even once at the end. They are deterministic on
 * every platform, unlike {@link Math}, and need no double rounding step in a capital figure.
 *
 * <ul>
 *   <li>{@code ln(x)}: x = m·2^k with m in [0.75, 1.5), ln m = 2·atanh((m−1)/(m+1)) by its series,
 *       ln 2 = 2·atanh(1/3).
 *   <li>{@code exp(x)}: x = n·ln 2 + r with |r| ≤ ln 2 / 2, exp r by its Taylor series, times 2^n.
 * </ul>
 */
public final class BigMath {

  /** The precision of every result: 34 significant digits, half-even. */
  public static final MathContext PRECISION = MathContext.DECIMAL128;

  private static final MathContext WORK = new MathContext(50, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal THREE_QUARTERS = new BigDecimal("0.75");
  private static final BigDecimal ONE_AND_HALF = new BigDecimal("1.5");
  private static final BigDecimal EPSILON = BigDecimal.ONE.movePointLeft(WORK.getPrecision() + 2);
  private static final BigDecimal EXP_ARGUMENT_LIMIT = BigDecimal.valueOf(1_000);

  /**
   * 1/n to the working precision, n < {@value #RECIPROCALS}: the series multiply by these instead
   * of dividing (a 50-digit division costs several multiplications; the series' terms were a fifth
   * of a synchronous SMA request's CPU).
   */
  private static final int RECIPROCALS = 256;

  private static final BigDecimal[] RECIPROCAL = reciprocals();

  private static final BigDecimal LN2 =
      twiceAtanh(BigDecimal.ONE.divide(BigDecimal.valueOf(3), WORK));

  /** Euler's number e to 34 significant digits. */
  public static final BigDecimal E = exp(BigDecimal.ONE);

  private BigMath() {}

  /** The natural logarithm of a positive number. */
  public static BigDecimal ln(BigDecimal x) {
    if (x.signum() <= 0) {
      throw new ArithmeticException("ln is defined for positive numbers only: " + x);
    }
    return lnFull(x).round(PRECISION);
  }

  /** e raised to x. */
  public static BigDecimal exp(BigDecimal x) {
    return expFull(x).round(PRECISION);
  }

  /** base raised to a real exponent; base must be positive, or zero with a positive exponent. */
  public static BigDecimal pow(BigDecimal base, BigDecimal exponent) {
    if (base.signum() == 0 && exponent.signum() > 0) {
      return BigDecimal.ZERO;
    }
    if (base.signum() <= 0) {
      throw new ArithmeticException("pow needs a positive base: " + base);
    }
    return expFull(exponent.multiply(lnFull(base), WORK)).round(PRECISION);
  }

  private static BigDecimal lnFull(BigDecimal x) {
    int k = 0;
    BigDecimal m = x;
    while (m.compareTo(ONE_AND_HALF) >= 0) {
      m = m.divide(TWO, WORK);
      k++;
    }
    while (m.compareTo(THREE_QUARTERS) < 0) {
      m = m.multiply(TWO, WORK);
      k--;
    }
    BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), WORK);
    return twiceAtanh(z).add(LN2.multiply(BigDecimal.valueOf(k), WORK), WORK);
  }

  private static BigDecimal expFull(BigDecimal x) {
    if (x.abs().compareTo(EXP_ARGUMENT_LIMIT) > 0) {
      throw new ArithmeticException("exp argument out of range: " + x);
    }
    int n = x.divide(LN2, WORK).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
    BigDecimal r = x.subtract(LN2.multiply(BigDecimal.valueOf(n), WORK), WORK);
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    for (int i = 1; term.abs().compareTo(EPSILON) > 0; i++) {
      term = term.multiply(r, WORK).multiply(reciprocal(i), WORK);
      sum = sum.add(term, WORK);
    }
    BigDecimal scale = n >= 0 ? TWO.pow(n) : BigDecimal.ONE.divide(TWO.pow(-n));
    return sum.multiply(scale, WORK);
  }

  private static BigDecimal reciprocal(int n) {
    return n < RECIPROCALS ? RECIPROCAL[n] : BigDecimal.ONE.divide(BigDecimal.valueOf(n), WORK);
  }

  private static BigDecimal[] reciprocals() {
    BigDecimal[] table = new BigDecimal[RECIPROCALS];
    for (int n = 1; n < RECIPROCALS; n++) {
      table[n] = BigDecimal.ONE.divide(BigDecimal.valueOf(n), WORK);
    }
    return table;
  }

  /** 2·atanh(z) = 2·(z + z³/3 + z⁵/5 + …), for |z| well below 1. */
  private static BigDecimal twiceAtanh(BigDecimal z) {
    BigDecimal z2 = z.multiply(z, WORK);
    BigDecimal power = z;
    BigDecimal sum = z;
    for (int n = 3; power.abs().compareTo(EPSILON) > 0; n += 2) {
      power = power.multiply(z2, WORK);
      sum = sum.add(power.multiply(reciprocal(n), WORK), WORK);
    }
    return sum.multiply(TWO, WORK);
  }
}
