package io.ormcalc.calculation.lda;

/**
 * The standard normal distribution: Φ through W. J. Cody's rational approximations of erfc (1969;
 * relative error below 1e-15), Φ⁻¹ by Wichura's algorithm AS 241 (PPND16, 1988; about 1e-16).
 */
public final class Normal {

  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double ONE_OVER_SQRT_PI = 0.564189583547756287;

  private static final double[] CENTRAL_A = {
    3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
    45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727
  };
  private static final double[] CENTRAL_B = {
    1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
    21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925
  };
  private static final double[] NEAR_C = {
    1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055,
    3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
    0.0227238449892691845833, 7.7454501427834140764e-4
  };
  private static final double[] NEAR_D = {
    1.0,
    2.05319162663775882187,
    1.6763848301838038494,
    0.68976733498510000455,
    0.14810397642748007459,
    0.0151986665636164571966,
    5.475938084995344946e-4,
    1.05075007164441684324e-9
  };
  private static final double[] FAR_E = {
    6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358,
    0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386,
    2.71155556874348757815e-5, 2.01033439929228813265e-7
  };
  private static final double[] FAR_F = {
    1.0,
    0.59983220655588793769,
    0.13692988092273580531,
    0.0148753612908506148525,
    7.868691311456132591e-4,
    1.8463183175100546818e-5,
    1.4215117583164458887e-7,
    2.04426310338993978564e-15
  };

  private static final double[] ERF_P = {
    3209.37758913846947,
    377.485237685302021,
    113.864154151050156,
    3.16112374387056560,
    0.185777706184603153
  };
  private static final double[] ERF_Q = {
    2844.23683343917062, 1282.61652607737228, 244.024637934444173, 23.6012909523441209, 1.0
  };
  private static final double[] ERFC_P = {
    1230.33935479799725, 2051.07837782607147, 1712.04761263407058, 881.952221241769090,
    298.635138197400131, 66.1191906371416295, 8.88314979438837594, 0.564188496988670089,
    2.15311535474403846e-8
  };
  private static final double[] ERFC_Q = {
    1230.33935480374942,
    3439.36767414372164,
    4362.61909014324716,
    3290.79923573345963,
    1621.38957456669019,
    537.181101862009858,
    117.693950891312499,
    15.7449261107098347,
    1.0
  };
  private static final double[] ASYMPTOTIC_P = {
    -6.58749161529837803e-4, -1.60837851487422766e-2, -1.25781726111229246e-1,
    -3.60344899949804439e-1, -3.05326634961232344e-1, -1.63153871373020978e-2
  };
  private static final double[] ASYMPTOTIC_Q = {
    2.33520497626869185e-3, 6.05183413124413191e-2, 5.27905102951428412e-1,
    1.87295284992346725, 2.56852019228982242, 1.0
  };

  private Normal() {}

  /** Φ(x) = P(Z ≤ x). */
  public static double cdf(double x) {
    return 0.5 * erfc(-x * SQRT_HALF);
  }

  /** Φ⁻¹(p) for 0 < p < 1. */
  public static double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must lie strictly between 0 and 1: " + p);
    }
    double q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      double r = 0.180625 - q * q;
      return q * poly(r, CENTRAL_A) / poly(r, CENTRAL_B);
    }
    double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
    double value =
        r <= 5
            ? poly(r - 1.6, NEAR_C) / poly(r - 1.6, NEAR_D)
            : poly(r - 5, FAR_E) / poly(r - 5, FAR_F);
    return q < 0 ? -value : value;
  }

  /** The complementary error function, by W. J. Cody's three rational approximations. */
  static double erfc(double x) {
    double ax = Math.abs(x);
    if (ax < 0.5) {
      double t = x * x;
      return 1 - x * poly(t, ERF_P) / poly(t, ERF_Q);
    }
    double result;
    if (ax < 4) {
      result = expMinusSquare(ax) * poly(ax, ERFC_P) / poly(ax, ERFC_Q);
    } else {
      double z = 1 / (ax * ax);
      result =
          expMinusSquare(ax)
              / ax
              * (ONE_OVER_SQRT_PI + z * poly(z, ASYMPTOTIC_P) / poly(z, ASYMPTOTIC_Q));
    }
    return x < 0 ? 2 - result : result;
  }

  /** exp(−x²) without the rounding error of squaring a large x first (Cody's split). */
  private static double expMinusSquare(double x) {
    double whole = Math.floor(x * 16) / 16;
    double rest = (x - whole) * (x + whole);
    return Math.exp(-whole * whole) * Math.exp(-rest);
  }

  /** c[0] + c[1]·x + c[2]·x² + … by Horner's rule. */
  private static double poly(double x, double[] c) {
    double result = c[c.length - 1];
    for (int i = c.length - 2; i >= 0; i--) {
      result = result * x + c[i];
    }
    return result;
  }
}
