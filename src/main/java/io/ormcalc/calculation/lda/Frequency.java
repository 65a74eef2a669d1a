package io.ormcalc.calculation.lda;

import java.util.SplittableRandom;

/** The number of losses in a year. */
public interface Frequency {

  int sample(SplittableRandom random);

  double mean();

  double variance();

  /** Poisson(λ): inversion by sequential search below λ = 30, Hörmann's PTRS above (numpy's). */
  record Poisson(double lambda) implements Frequency {

    @Override
    public int sample(SplittableRandom random) {
      return lambda < 30 ? byInversion(lambda, random) : byTransformedRejection(lambda, random);
    }

    @Override
    public double mean() {
      return lambda;
    }

    @Override
    public double variance() {
      return lambda;
    }

    static int sample(double lambda, SplittableRandom random) {
      if (lambda <= 0) {
        return 0;
      }
      return lambda < 30 ? byInversion(lambda, random) : byTransformedRejection(lambda, random);
    }

    private static int byInversion(double lambda, SplittableRandom random) {
      double u = random.nextDouble();
      double p = Math.exp(-lambda);
      double cumulative = p;
      int k = 0;
      while (u > cumulative && k < 10_000) {
        k++;
        p *= lambda / k;
        cumulative += p;
      }
      return k;
    }

    /**
     * W. Hörmann, "The transformed rejection method for generating Poisson random variables"
     * (1993).
     */
    private static int byTransformedRejection(double lambda, SplittableRandom random) {
      double slam = Math.sqrt(lambda);
      double logLambda = Math.log(lambda);
      double b = 0.931 + 2.53 * slam;
      double a = -0.059 + 0.02483 * b;
      double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
      double vr = 0.9277 - 3.6224 / (b - 2);
      while (true) {
        double u = random.nextDouble() - 0.5;
        double v = random.nextDouble();
        double us = 0.5 - Math.abs(u);
        long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= vr) {
          return (int) k;
        }
        if (k < 0 || (us < 0.013 && v > us)) {
          continue;
        }
        if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
            <= -lambda + k * logLambda - SpecialFunctions.logGamma(k + 1)) {
          return (int) k;
        }
      }
    }
  }

  /**
   * Negative binomial in numpy's convention: the number of failures before the r-th success,
   * success probability p; mean r(1−p)/p, variance r(1−p)/p². Sampled as a Poisson whose mean is
   * Gamma(r, (1−p)/p), as numpy does.
   */
  record NegativeBinomial(double r, double p) implements Frequency {

    @Override
    public int sample(SplittableRandom random) {
      return Poisson.sample(Gamma.sample(r, random) * (1 - p) / p, random);
    }

    @Override
    public double mean() {
      return r * (1 - p) / p;
    }

    @Override
    public double variance() {
      return r * (1 - p) / (p * p);
    }
  }

  /** Standard gamma variates by Marsaglia and Tsang (2000). */
  final class Gamma {

    private Gamma() {}

    static double sample(double shape, SplittableRandom random) {
      if (shape < 1) {
        return sample(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
      }
      double d = shape - 1.0 / 3;
      double c = 1 / Math.sqrt(9 * d);
      while (true) {
        double x;
        double v;
        do {
          x = random.nextGaussian();
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = random.nextDouble();
        if (u < 1 - 0.0331 * x * x * x * x) {
          return d * v;
        }
        if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
          return d * v;
        }
      }
    }
  }
}
