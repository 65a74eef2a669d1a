package io.ormcalc.calculation.lda;

import java.util.List;

/**
 * The single-loss approximation of the VaR, an analytic cross-check of the simulation for
 * heavy-tailed severities (Böcker and Klüppelberg, 2005), with the mean correction of Degen (2010)
 * for finite-mean severities:
 *
 * <pre>VaR_α ≈ F⁻¹(1 − (1 − α)/λ) + (λ + δ − 1)·E[X],   λ = E[N], δ = Var[N]/E[N]</pre>
 *
 * <p>For independent units the total uses the multivariate form: the x with Σ λᵤ·F̄ᵤ(x) = 1 − α
 * (found by bisection), plus Σ (λᵤ + δᵤ − 1)·E[Xᵤ]. It is exact in the limit α → 1 for
 * subexponential severities; it is not defined for a Gaussian copula.
 */
final class SingleLossApproximation {

  private SingleLossApproximation() {}

  static double of(CompiledUnit unit, double alpha) {
    double lambda = unit.frequency().mean();
    double p = 1 - (1 - alpha) / lambda;
    if (!(p > 0)) {
      return Double.NaN; // the level is below the probability of any loss at all
    }
    return unit.severity().quantile(p) + correction(unit);
  }

  static double ofIndependent(List<CompiledUnit> units, double alpha) {
    double target = 1 - alpha;
    double lo = 0;
    double hi = 1;
    while (exceedance(units, hi) > target && hi < 1e300) {
      hi *= 2;
    }
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (exceedance(units, mid) > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double correction = units.stream().mapToDouble(SingleLossApproximation::correction).sum();
    return 0.5 * (lo + hi) + correction;
  }

  private static double exceedance(List<CompiledUnit> units, double x) {
    return units.stream().mapToDouble(u -> u.frequency().mean() * u.severity().survival(x)).sum();
  }

  private static double correction(CompiledUnit unit) {
    double lambda = unit.frequency().mean();
    double delta = unit.frequency().variance() / lambda;
    return (lambda + delta - 1) * unit.severity().mean();
  }
}
