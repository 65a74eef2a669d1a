package io.ormcalc.calculation.lda;

import static io.ormcalc.calculation.lda.LdaFixtures.input;
import static io.ormcalc.calculation.lda.LdaFixtures.poissonLognormal;
import static io.ormcalc.calculation.lda.LdaFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.CancelledException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LdaSimulationTest {

  /** Poisson(10) with lognormal(10, 2): reference values by FFT with exponential tilting. */
  static final double REFERENCE_VAR = 39_188_500;

  static final double REFERENCE_ES = 71_426_950;
  static final double REFERENCE_EL = 1_627_547.9;

  @Test
  void
      ten_million_years_of_poisson_10_lognormal_10_2_land_within_4_standard_errors_of_the_reference() {
    LdaResult result =
        run(input(List.of(poissonLognormal("retail", 10, 10, 2)), 10_000_000, 20241231L, null), 2);
    LdaMeasures unit = result.units().get(0);
    double var = unit.var().doubleValue();
    double se = unit.varStandardError().doubleValue();

    assertThat(se / REFERENCE_VAR)
        .as("relative SE of the VaR at 10^7 years")
        .isBetween(0.002, 0.008);
    assertThat(Math.abs(var - REFERENCE_VAR)).isLessThan(4 * se);
    assertThat(unit.expectedShortfall().doubleValue())
        .isCloseTo(REFERENCE_ES, within(REFERENCE_ES * 0.05));
    assertThat(unit.expectedLoss().doubleValue())
        .isCloseTo(REFERENCE_EL, within(REFERENCE_EL * 0.01));
    assertThat(unit.analyticExpectedLoss().doubleValue()).isCloseTo(REFERENCE_EL, within(0.1));
    assertThat(unit.unexpectedLoss())
        .isEqualByComparingTo(unit.var().subtract(unit.expectedLoss()));
    assertThat(result.total().var()).isEqualByComparingTo(unit.var());
  }

  @Test
  void the_single_loss_approximation_with_mean_correction_is_within_1_percent_of_the_reference() {
    CompiledUnit unit =
        new CompiledUnit("u", new Frequency.Poisson(10), new Severity.Lognormal(10, 2));

    assertThat(SingleLossApproximation.of(unit, 0.999))
        .isCloseTo(REFERENCE_VAR, within(REFERENCE_VAR * 0.01));
  }

  @Test
  void the_same_seed_gives_bit_identical_results_with_one_thread_and_with_all_threads() {
    List<UnitOfMeasure> units =
        List.of(poissonLognormal("a", 5, 9, 1.8), poissonLognormal("b", 40, 8, 1.2));
    for (String method : List.of("independent", "gaussian_copula", "comonotonic")) {
      AggregationSpec aggregation =
          new AggregationSpec(
              method,
              method.equals("gaussian_copula")
                  ? List.of(List.of(1.0, 0.4), List.of(0.4, 1.0))
                  : null);
      LdaInput in = input(units, 300_000, 42L, aggregation);

      assertThat(run(in, 1))
          .as(method)
          .isEqualTo(run(in, Runtime.getRuntime().availableProcessors() + 1));
    }
  }

  @Test
  void without_a_seed_equal_inputs_still_give_equal_results_and_report_the_seed_used() {
    LdaInput in = input(List.of(poissonLognormal("a", 3, 8, 1.5)), 50_000, null, null);

    LdaResult first = run(in, 2);
    assertThat(run(in, 1)).isEqualTo(first);
    assertThat(first.seed()).isEqualTo(LdaModel.derivedSeed(in));
  }

  @Test
  void diversification_independent_units_need_less_than_the_sum_of_their_vars() {
    List<UnitOfMeasure> units =
        List.of(poissonLognormal("a", 10, 10, 2), poissonLognormal("b", 10, 10, 2));
    LdaResult independent =
        run(input(units, 1_000_000, 1L, new AggregationSpec("independent", null)), 2);
    LdaResult comonotonic = run(input(units, 1_000_000, 1L, null), 2);

    assertThat(comonotonic.diversificationBenefit()).isZero();
    assertThat(comonotonic.total().var()).isEqualByComparingTo(comonotonic.sumOfUnitVars());
    assertThat(independent.diversificationBenefit().signum()).isPositive();
    assertThat(independent.total().var()).isLessThan(comonotonic.total().var());
    // heavy tails: the independent total is close to its single-loss approximation
    assertThat(independent.total().var().doubleValue())
        .isCloseTo(
            independent.total().slaVar().doubleValue(),
            within(independent.total().slaVar().doubleValue() * 0.05));
  }

  @Test
  void a_gaussian_copula_moves_from_independence_to_comonotonicity_with_the_correlation() {
    List<UnitOfMeasure> units =
        List.of(poissonLognormal("a", 20, 8, 1.0), poissonLognormal("b", 20, 8, 1.0));
    double none = copulaVar(units, 0.0);
    double half = copulaVar(units, 0.5);
    double full = copulaVar(units, 1.0);
    double sum = run(input(units, 400_000, 9L, null), 2).total().var().doubleValue();

    assertThat(none).isLessThan(half);
    assertThat(half).isLessThan(full);
    assertThat(full).isCloseTo(sum, within(sum * 0.02));
  }

  private static double copulaVar(List<UnitOfMeasure> units, double rho) {
    AggregationSpec copula =
        new AggregationSpec("gaussian_copula", List.of(List.of(1.0, rho), List.of(rho, 1.0)));
    return run(input(units, 400_000, 9L, copula), 2).total().var().doubleValue();
  }

  @Test
  void cancellation_stops_the_simulation_between_chunks() {
    AtomicBoolean cancelled = new AtomicBoolean();
    double[] progress = {0};
    CalculationContext context =
        new CalculationContext() {
          @Override
          public void progress(double fraction) {
            progress[0] = fraction;
            if (fraction > 0.05) {
              cancelled.set(true);
            }
          }

          @Override
          public boolean isCancelled() {
            return cancelled.get();
          }
        };
    LdaInput big = input(List.of(poissonLognormal("a", 10, 10, 2)), 100_000_000, 1L, null);

    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                new LdaModel(LdaFixtures.POOL, 2)
                    .prepare(big, new LdaParameters(null), LdaFixtures.DATE)
                    .calculate(context))
        .isInstanceOf(CancelledException.class);
    assertThat(progress[0]).isBetween(0.05, 0.9);
    assertThat((System.nanoTime() - start) / 1e9).as("seconds until stopped").isLessThan(30);
  }
}
