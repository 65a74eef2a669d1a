package io.ormcalc.calculation.lda;

/**
 * Cholesky factor L (lower triangular, L·Lᵀ = A) of a symmetric positive semi-definite matrix. A
 * pivot within {@value #TOLERANCE} of zero (a singular, still semi-definite matrix such as perfect
 * correlation) gives a zero column instead of a failure.
 */
final class Cholesky {

  static final double TOLERANCE = 1e-10;

  private Cholesky() {}

  /** The factor, or null when the matrix is not positive semi-definite. */
  static double[][] of(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (d < -TOLERANCE) {
        return null;
      }
      double pivot = d <= TOLERANCE ? 0 : Math.sqrt(d);
      l[j][j] = pivot;
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (pivot == 0) {
          if (Math.abs(s) > 1e-8) {
            return null;
          }
          l[i][j] = 0;
        } else {
          l[i][j] = s / pivot;
        }
      }
    }
    return l;
  }
}
