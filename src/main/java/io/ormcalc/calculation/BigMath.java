package io.ormcalc.calculation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Natural logarithm, exponential and real powers in {@link BigDecimal}, which the JDK lacks.
 *
 * <p>Results are correct to the 34 significant digits of {@link MathContext#DECIMAL128}: the series
 * run in binary fixed point with {@value #BITS} fraction bits (about 60 digits), intermediate
 * values are kept to 50 digits, and each result is rounded half-even once at the end. They are
 * deterministic on every platform, unlike {@link Math}, and need no double rounding step in a
 * capital figure.
 *
 * <ul>
 *   <li>{@code ln(x)}: x = m·2^k with m in [0.75, 1.5) (exact: 2^−k = 5^k·10^−k), ln m =
 *       2·atanh((m−1)/(m+1)) by its series, ln 2 = 2·atanh(1/3).
 *   <li>{@code exp(x)}: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (about), exp r by its Taylor series,
 *       times 2^n.
 * </ul>
 *
 * <p>Why fixed point: in {@code BigDecimal} every product rounded to a precision divides by a power
 * of ten, and the series' terms (each a product and a division) were a fifth of a synchronous SMA
 * request's CPU. In fixed point a product is a multiplication and a shift, a term's division is by
 * a one-word integer, and only the conversions in and out divide large numbers.
 */
public final class BigMath {

  /** The precision of every result: 34 significant digits, half-even. */
  public static final MathContext PRECISION = MathContext.DECIMAL128;

  private static final MathContext WORK = new MathContext(50, RoundingMode.HALF_EVEN);

  /** Fraction bits of the fixed-point series: 2^−200 ≈ 6·10^−61. */
  private static final int BITS = 200;

  private static final BigInteger ONE = BigInteger.ONE.shiftLeft(BITS);
  private static final BigDecimal ONE_FIXED = new BigDecimal(ONE);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal FIVE = BigDecimal.valueOf(5);
  private static final BigDecimal THREE_QUARTERS = new BigDecimal("0.75");
  private static final BigDecimal ONE_AND_HALF = new BigDecimal("1.5");
  private static final BigDecimal EXP_ARGUMENT_LIMIT = BigDecimal.valueOf(1_000);
  private static final BigInteger LN2 = twiceAtanh(ONE.divide(BigInteger.valueOf(3)));

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

  /** ln x to the working precision, x > 0. */
  private static BigDecimal lnFull(BigDecimal x) {
    int k = binaryExponent(x);
    BigDecimal m = timesPowerOfTwo(x, -k);
    while (m.compareTo(ONE_AND_HALF) >= 0) { // the estimate of k may be one off either way
      m = timesPowerOfTwo(m, -1);
      k++;
    }
    while (m.compareTo(THREE_QUARTERS) < 0) {
      m = m.multiply(TWO);
      k--;
    }
    BigInteger mf = toFixed(m);
    BigInteger z = mf.subtract(ONE).shiftLeft(BITS).divide(mf.add(ONE));
    return fromFixed(twiceAtanh(z).add(LN2.multiply(BigInteger.valueOf(k))), 0);
  }

  /** e^x to the working precision. */
  private static BigDecimal expFull(BigDecimal x) {
    if (x.abs().compareTo(EXP_ARGUMENT_LIMIT) > 0) {
      throw new ArithmeticException("exp argument out of range: " + x);
    }
    // n only needs to be near x / ln 2 (|r| stays small either way); a double's quotient is
    // deterministic on every Java platform
    int n = (int) Math.round(x.doubleValue() / 0.6931471805599453);
    BigInteger r = toFixed(x).subtract(LN2.multiply(BigInteger.valueOf(n)));
    BigInteger sum = ONE;
    BigInteger term = ONE;
    for (int i = 1; term.signum() != 0; i++) {
      term = times(term, r).divide(BigInteger.valueOf(i));
      sum = sum.add(term);
    }
    return fromFixed(sum, n);
  }

  /** 2·atanh(z) = 2·(z + z³/3 + z⁵/5 + …) in fixed point, for |z| well below 1. */
  private static BigInteger twiceAtanh(BigInteger z) {
    BigInteger z2 = times(z, z);
    BigInteger power = z;
    BigInteger sum = z;
    for (int n = 3; power.signum() != 0; n += 2) {
      power = times(power, z2);
      sum = sum.add(power.divide(BigInteger.valueOf(n)));
    }
    return sum.shiftLeft(1);
  }

  /**
   * a·b in fixed point, truncated toward zero (a right shift alone rounds a negative product down,
   * and a series of negative terms would never reach zero).
   */
  private static BigInteger times(BigInteger a, BigInteger b) {
    BigInteger product = a.multiply(b);
    return product.signum() < 0
        ? product.negate().shiftRight(BITS).negate()
        : product.shiftRight(BITS);
  }

  /** x·2^BITS, rounded to an integer. */
  private static BigInteger toFixed(BigDecimal x) {
    return x.multiply(ONE_FIXED).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
  }

  /** f·2^(shift − BITS) to the working precision. */
  private static BigDecimal fromFixed(BigInteger f, int shift) {
    int down = BITS - shift;
    return down <= 0
        ? new BigDecimal(f.shiftLeft(-down), WORK)
        : new BigDecimal(f).divide(new BigDecimal(BigInteger.ONE.shiftLeft(down)), WORK);
  }

  /** x·2^e exactly (2^−k = 5^k·10^−k). */
  private static BigDecimal timesPowerOfTwo(BigDecimal x, int e) {
    return e >= 0 ? x.multiply(TWO.pow(e)) : x.multiply(FIVE.pow(-e)).movePointLeft(-e);
  }

  /** About log2 x, for positive x: exact for x within a double's range, else by the digits. */
  private static int binaryExponent(BigDecimal x) {
    double d = x.doubleValue();
    if (d > 0 && !Double.isInfinite(d) && d >= Double.MIN_NORMAL) {
      return Math.getExponent(d);
    }
    // beyond a double: log2 x ≈ (digits − 1 − scale)·log2 10
    return (int) Math.round((x.precision() - 1 - x.scale()) * 3.321928094887362);
  }
}
