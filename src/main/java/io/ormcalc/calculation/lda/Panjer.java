package io.ormcalc.calculation.lda;

/**
 * The exact aggregate loss distribution of a frequency in Panjer's (a, b, 0) class with a severity
 * on the lattice {0, 1, 2, …} (Panjer, 1981):
 *
 * <pre>
 * f_S(0) = P_N(f_X(0))
 * f_S(s) = 1/(1 − a·f_X(0)) · Σ_{j=1..s} (a + b·j/s)·f_X(j)·f_S(s − j)
 * </pre>
 *
 * Poisson(λ): a = 0, b = λ, P_N(z) = exp(λ(z − 1)). Negative binomial(r, p): a = 1 − p, b = (r −
 * 1)(1 − p), P_N(z) = (p / (1 − (1 − p)z))^r. An exact method for one unit with a discretised
 * severity, and the deterministic check of the simulation's quantile definition.
 */
public final class Panjer {

  private final double[] pmf;

  private Panjer(double[] pmf) {
    this.pmf = pmf;
  }

  /** The aggregate distribution on 0..maxLoss of Poisson(λ) losses with severity pmf f_X. */
  public static Panjer poisson(double lambda, double[] severityPmf, int maxLoss) {
    double f0 = severityPmf.length > 0 ? severityPmf[0] : 0;
    return recurse(0, lambda, Math.exp(lambda * (f0 - 1)), severityPmf, maxLoss);
  }

  /** The same for negative-binomial(r, p) losses (failures before the r-th success). */
  public static Panjer negativeBinomial(double r, double p, double[] severityPmf, int maxLoss) {
    double f0 = severityPmf.length > 0 ? severityPmf[0] : 0;
    double q = 1 - p;
    return recurse(q, (r - 1) * q, Math.pow(p / (1 - q * f0), r), severityPmf, maxLoss);
  }

  private static Panjer recurse(double a, double b, double f0s, double[] fx, int maxLoss) {
    double[] fs = new double[maxLoss + 1];
    fs[0] = f0s;
    double scale = 1 / (1 - a * (fx.length > 0 ? fx[0] : 0));
    for (int s = 1; s <= maxLoss; s++) {
      double sum = 0;
      for (int j = 1; j <= Math.min(s, fx.length - 1); j++) {
        sum += (a + b * j / s) * fx[j] * fs[s - j];
      }
      fs[s] = scale * sum;
    }
    return new Panjer(fs);
  }

  /** P(S = s). */
  public double probability(int s) {
    return pmf[s];
  }

  /** P(S ≤ s). */
  public double cumulative(int s) {
    double sum = 0;
    for (int i = 0; i <= s; i++) {
      sum += pmf[i];
    }
    return sum;
  }

  /** E[S] over the computed range. */
  public double mean() {
    double sum = 0;
    for (int s = 0; s < pmf.length; s++) {
      sum += s * pmf[s];
    }
    return sum;
  }

  /** The VaR at α: the smallest s with P(S ≤ s) ≥ α, as in the simulation's definition. */
  public int valueAtRisk(double alpha) {
    double cumulative = 0;
    for (int s = 0; s < pmf.length; s++) {
      cumulative += pmf[s];
      if (cumulative >= alpha - 1e-15) {
        return s;
      }
    }
    throw new IllegalArgumentException("the computed range does not reach the level " + alpha);
  }
}
