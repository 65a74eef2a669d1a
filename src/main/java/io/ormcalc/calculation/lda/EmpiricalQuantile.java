package io.ormcalc.calculation.lda;

/**
 * A unit's simulated annual-loss quantile function, for the copula pass: exact order statistics
 * where the kept tail reaches, and a sorted sample of the first years below it.
 */
final class EmpiricalQuantile {

  private final double[] body;
  private final double[] tail;
  private final long years;
  private final long tailStart;

  EmpiricalQuantile(double[] sortedBody, double[] sortedTail, long years) {
    this.body = sortedBody;
    this.tail = sortedTail;
    this.years = years;
    this.tailStart = years - sortedTail.length + 1;
  }

  double at(double u) {
    double p = Math.min(Math.max(u, 0), 1);
    long rank = Quantiles.rank(p, years);
    if (rank >= tailStart) {
      return tail[(int) (rank - tailStart)];
    }
    int index = (int) Math.ceil(p * body.length) - 1;
    return body[Math.max(0, Math.min(body.length - 1, index))];
  }
}
