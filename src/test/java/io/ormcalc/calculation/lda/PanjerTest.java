package io.ormcalc.calculation.lda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PanjerTest {

  private static final double[] SEVERITY = {0, 0.25, 0.5, 0.25};

  @Test
  void poisson_4_with_severity_one_two_three_matches_the_reference_distribution() {
    Panjer s = Panjer.poisson(4, SEVERITY, 200);

    assertThat(s.probability(0)).isCloseTo(0.0183156389, within(5e-11));
    assertThat(s.probability(2)).isCloseTo(0.0457890972, within(5e-11));
    assertThat(s.cumulative(12)).isCloseTo(0.8542488228, within(5e-11));
    assertThat(s.mean()).isCloseTo(8.0, within(1e-9));
    assertThat(s.valueAtRisk(0.999)).isEqualTo(24);
  }

  @Test
  void the_simulation_agrees_with_the_exact_distribution_on_the_same_model() {
    // a discrete severity through the engine's own quantile definition: Monte Carlo VaR hits 24
    double[] losses = new double[2_000_000];
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int y = 0; y < losses.length; y++) {
      int n = new Frequency.Poisson(4).sample(random);
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double u = random.nextDouble();
        sum += u < 0.25 ? 1 : u < 0.75 ? 2 : 3;
      }
      losses[y] = sum;
    }
    double var = Quantiles.select(losses, losses.length, Quantiles.rank(0.999, losses.length) - 1);
    assertThat(var).isEqualTo(24.0);
  }

  @Test
  void a_negative_binomial_frequency_keeps_its_mean() {
    Panjer s = Panjer.negativeBinomial(2, 0.5, SEVERITY, 400);

    // E[N] = r(1 − p)/p = 2, E[X] = 2
    assertThat(s.mean()).isCloseTo(4.0, within(1e-9));
    assertThat(s.cumulative(400)).isCloseTo(1.0, within(1e-12));
  }
}
