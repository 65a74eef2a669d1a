package io.ormcalc.calculation.lda;

import java.util.SplittableRandom;

/** The size of one loss. */
public interface Severity {

  double sample(SplittableRandom random);

  /** E[X]; finite for every severity the validation admits. */
  double mean();

  /** F⁻¹(p), the p-quantile of one loss. */
  double quantile(double p);

  /** P(X > x), computed without cancellation in the far tail. */
  double survival(double x);

  /** Lognormal: ln X ~ N(μ, σ²). */
  record Lognormal(double mu, double sigma) implements Severity {

    @Override
    public double sample(SplittableRandom random) {
      return Math.exp(mu + sigma * random.nextGaussian());
    }

    @Override
    public double mean() {
      return Math.exp(mu + 0.5 * sigma * sigma);
    }

    @Override
    public double quantile(double p) {
      return Math.exp(mu + sigma * Normal.quantile(p));
    }

    double cdf(double x) {
      return x <= 0 ? 0 : Normal.cdf((Math.log(x) - mu) / sigma);
    }

    @Override
    public double survival(double x) {
      return x <= 0 ? 1 : Normal.cdf((mu - Math.log(x)) / sigma);
    }
  }

  /**
   * Generalised Pareto above a threshold u: P(X > u + y) = (1 + ξy/β)^(−1/ξ) (exponential for ξ =
   * 0). The mean is finite for ξ < 1.
   */
  record Gpd(double xi, double beta, double threshold) implements Severity {

    @Override
    public double sample(SplittableRandom random) {
      return quantileOfSurvival(1 - random.nextDouble());
    }

    @Override
    public double mean() {
      return threshold + beta / (1 - xi);
    }

    @Override
    public double quantile(double p) {
      return quantileOfSurvival(1 - p);
    }

    @Override
    public double survival(double x) {
      if (x <= threshold) {
        return 1;
      }
      double y = (x - threshold) / beta;
      if (xi == 0) {
        return Math.exp(-y);
      }
      double base = 1 + xi * y;
      return base <= 0 ? 0 : Math.exp(-Math.log(base) / xi);
    }

    /** The loss exceeded with probability s, 0 < s ≤ 1. */
    double quantileOfSurvival(double s) {
      return xi == 0
          ? threshold - beta * Math.log(s)
          : threshold + beta / xi * (Math.exp(-xi * Math.log(s)) - 1);
    }
  }

  /** Weibull with shape k and scale λ: P(X > x) = exp(−(x/λ)^k). */
  record Weibull(double shape, double scale) implements Severity {

    @Override
    public double sample(SplittableRandom random) {
      return scale * Math.pow(-Math.log(1 - random.nextDouble()), 1 / shape);
    }

    @Override
    public double mean() {
      return scale * SpecialFunctions.gamma(1 + 1 / shape);
    }

    @Override
    public double quantile(double p) {
      return scale * Math.pow(-Math.log(1 - p), 1 / shape);
    }

    @Override
    public double survival(double x) {
      return x <= 0 ? 1 : Math.exp(-Math.pow(x / scale, shape));
    }
  }

  /**
   * A lognormal body below a threshold spliced with a GPD tail above it: with probability 1 − t a
   * loss is lognormal conditioned on X ≤ threshold, with probability t it is threshold + GPD(ξ, β).
   * By default t = P(lognormal > threshold), which makes the density's mass continuous.
   */
  record Spliced(Lognormal body, double threshold, Gpd tail, double tailProbability)
      implements Severity {

    @Override
    public double sample(SplittableRandom random) {
      if (random.nextDouble() < tailProbability) {
        return tail.sample(random);
      }
      double bodyMass = body.cdf(threshold);
      if (bodyMass >= 0.5) {
        double x;
        do {
          x = body.sample(random);
        } while (x > threshold);
        return x;
      }
      return body.quantile(Math.max(Double.MIN_NORMAL, random.nextDouble() * bodyMass));
    }

    @Override
    public double mean() {
      double s = body.sigma();
      double bodyMean =
          body.mean()
              * Normal.cdf((Math.log(threshold) - body.mu() - s * s) / s)
              / body.cdf(threshold);
      return (1 - tailProbability) * bodyMean + tailProbability * tail.mean();
    }

    @Override
    public double quantile(double p) {
      if (p <= 1 - tailProbability) {
        return body.quantile(p / (1 - tailProbability) * body.cdf(threshold));
      }
      return tail.quantileOfSurvival((1 - p) / tailProbability);
    }

    @Override
    public double survival(double x) {
      if (x >= threshold) {
        return tailProbability * tail.survival(x);
      }
      double bodyMass = body.cdf(threshold);
      return tailProbability + (1 - tailProbability) * (bodyMass - body.cdf(x)) / bodyMass;
    }
  }
}
