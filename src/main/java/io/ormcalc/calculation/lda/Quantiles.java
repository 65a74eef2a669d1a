package io.ormcalc.calculation.lda;

/**
 * The quantile definition of the engine: VaR at level α of N simulated years is the order statistic
 * of rank ⌈α·N⌉ (the inverse of the empirical distribution function); ES at α is the mean of the
 * order statistics of rank ⌈α·N⌉ to N, the VaR included.
 */
final class Quantiles {

  private Quantiles() {}

  /** ⌈α·n⌉, at least 1; computed so that binary rounding of α·n never lands one rank too high. */
  static long rank(double alpha, long n) {
    double exact = alpha * n;
    long rank = (long) Math.ceil(exact - 1e-9 * Math.max(1, exact));
    return Math.max(1, Math.min(n, rank));
  }

  /** The k-th smallest (0-based) of the first n values; reorders them (Hoare's quickselect). */
  static double select(double[] a, int n, long k) {
    int lo = 0;
    int hi = n - 1;
    int target = (int) k;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return a[target];
      }
    }
    return a[target];
  }
}
