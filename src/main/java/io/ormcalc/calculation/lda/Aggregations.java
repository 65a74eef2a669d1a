package io.ormcalc.calculation.lda;

import io.ormcalc.calculation.Violations;
import java.util.List;

/** The aggregation methods and the check of a correlation matrix. */
final class Aggregations {

  static final String COMONOTONIC = "comonotonic";
  static final String INDEPENDENT = "independent";
  static final String GAUSSIAN_COPULA = "gaussian_copula";

  private Aggregations() {}

  static String method(AggregationSpec spec) {
    return spec == null || spec.method() == null ? COMONOTONIC : spec.method();
  }

  static void validate(AggregationSpec spec, int units, Violations v) {
    String method = method(spec);
    String at = "inputs.aggregation";
    switch (method) {
      case COMONOTONIC, INDEPENDENT -> {
        if (spec != null && spec.correlation() != null) {
          v.add(at + ".correlation", "applies only to gaussian_copula");
        }
      }
      case GAUSSIAN_COPULA -> {
        if (v.required(at + ".correlation", spec.correlation())) {
          correlation(spec.correlation(), units, v);
        }
      }
      default -> v.add(at + ".method", "must be one of: comonotonic, independent, gaussian_copula");
    }
  }

  /** The matrix as an array, checked: n × n, symmetric, unit diagonal, entries in [−1, 1], PSD. */
  static double[][] correlation(List<List<Double>> rows, int n, Violations v) {
    String at = "inputs.aggregation.correlation";
    if (rows.size() != n || rows.stream().anyMatch(r -> r == null || r.size() != n)) {
      v.add(at, "must be a " + n + " × " + n + " matrix, one row and column per unit, in order");
      return null;
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Double x = rows.get(i).get(j);
        if (x == null || !(x >= -1 && x <= 1)) {
          v.add(at + "[" + i + "][" + j + "]", "must be a number from -1 to 1");
          return null;
        }
        m[i][j] = x;
      }
    }
    for (int i = 0; i < n; i++) {
      if (m[i][i] != 1) {
        v.add(at + "[" + i + "][" + i + "]", "the diagonal must be 1");
        return null;
      }
      for (int j = 0; j < i; j++) {
        if (Math.abs(m[i][j] - m[j][i]) > 1e-12) {
          v.add(
              at, "must be symmetric: [" + i + "][" + j + "] differs from [" + j + "][" + i + "]");
          return null;
        }
      }
    }
    if (Cholesky.of(m) == null) {
      v.add(at, "must be positive semi-definite");
      return null;
    }
    return m;
  }
}
