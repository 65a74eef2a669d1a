package io.ormcalc.calculation.lda;

import static io.ormcalc.calculation.lda.LdaFixtures.input;
import static io.ormcalc.calculation.lda.LdaFixtures.poissonLognormal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.calculation.InputViolation;
import io.ormcalc.calculation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LdaValidationTest {

  private static List<String> fieldsRejectedIn(LdaInput in) {
    try {
      new LdaModel(LdaFixtures.POOL, 1).prepare(in, new LdaParameters(null), LdaFixtures.DATE);
    } catch (InvalidInputException e) {
      return e.violations().stream().map(InputViolation::field).toList();
    }
    throw new AssertionError("expected the input to be rejected");
  }

  private static UnitOfMeasure unit(FrequencySpec f, SeveritySpec s) {
    return new UnitOfMeasure("u", f, s);
  }

  @Test
  void impossible_parameters_are_named_by_their_field() {
    SeveritySpec lognormal =
        new SeveritySpec("lognormal", 10.0, 2.0, null, null, null, null, null, null);
    FrequencySpec poisson = new FrequencySpec("poisson", 10.0, null, null);

    assertThat(
            fieldsRejectedIn(
                input(
                    List.of(unit(new FrequencySpec("poisson", -1.0, null, null), lognormal)),
                    100_000,
                    1L,
                    null)))
        .containsExactly("inputs.units_of_measure[0].frequency.lambda");
    assertThat(
            fieldsRejectedIn(
                input(
                    List.of(
                        unit(
                            poisson,
                            new SeveritySpec(
                                "lognormal", 10.0, 0.0, null, null, null, null, null, null))),
                    100_000,
                    1L,
                    null)))
        .containsExactly("inputs.units_of_measure[0].severity.sigma");
    assertThat(
            fieldsRejectedIn(
                input(
                    List.of(
                        unit(
                            poisson,
                            new SeveritySpec(
                                "gpd", null, null, 1.2, 1000.0, null, null, null, null))),
                    100_000,
                    1L,
                    null)))
        .containsExactly("inputs.units_of_measure[0].severity.xi");
    assertThat(
            fieldsRejectedIn(
                input(
                    List.of(
                        unit(new FrequencySpec("negative_binomial", null, 2.0, 1.5), lognormal)),
                    100_000,
                    1L,
                    null)))
        .containsExactly("inputs.units_of_measure[0].frequency.p");
    assertThat(
            fieldsRejectedIn(
                input(
                    List.of(unit(new FrequencySpec("binomial", 1.0, null, null), lognormal)),
                    100_000,
                    1L,
                    null)))
        .containsExactly("inputs.units_of_measure[0].frequency.type");
  }

  @Test
  void simulations_confidence_and_unit_count_are_bounded() {
    List<UnitOfMeasure> one = List.of(poissonLognormal("a", 1, 1, 1));
    assertThat(fieldsRejectedIn(input(one, 999, 1L, null))).containsExactly("inputs.simulations");
    assertThat(fieldsRejectedIn(input(one, 300_000_000, 1L, null)))
        .containsExactly("inputs.simulations");
    assertThat(fieldsRejectedIn(new LdaInput(null, null, one, 100_000L, 0.5, 1L, null)))
        .containsExactly("inputs.confidence");
    List<UnitOfMeasure> many = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      many.add(poissonLognormal("u" + i, 1, 1, 1));
    }
    assertThat(fieldsRejectedIn(input(many, 100_000, 1L, null)))
        .containsExactly("inputs.units_of_measure");
  }

  @Test
  void
      a_correlation_matrix_must_be_square_symmetric_with_unit_diagonal_and_positive_semidefinite() {
    List<UnitOfMeasure> three =
        List.of(
            poissonLognormal("a", 1, 1, 1),
            poissonLognormal("b", 1, 1, 1),
            poissonLognormal("c", 1, 1, 1));
    List<List<Double>> notPsd =
        List.of(List.of(1.0, 0.9, -0.9), List.of(0.9, 1.0, 0.9), List.of(-0.9, 0.9, 1.0));
    List<List<Double>> asymmetric =
        List.of(List.of(1.0, 0.5, 0.0), List.of(0.4, 1.0, 0.0), List.of(0.0, 0.0, 1.0));
    List<List<Double>> perfect =
        List.of(List.of(1.0, 1.0, 1.0), List.of(1.0, 1.0, 1.0), List.of(1.0, 1.0, 1.0));

    assertThat(
            fieldsRejectedIn(
                input(three, 100_000, 1L, new AggregationSpec("gaussian_copula", notPsd))))
        .containsExactly("inputs.aggregation.correlation");
    assertThat(
            fieldsRejectedIn(
                input(three, 100_000, 1L, new AggregationSpec("gaussian_copula", asymmetric))))
        .containsExactly("inputs.aggregation.correlation");
    assertThat(
            fieldsRejectedIn(
                input(
                    three,
                    100_000,
                    1L,
                    new AggregationSpec("gaussian_copula", List.of(List.of(1.0))))))
        .containsExactly("inputs.aggregation.correlation");
    // singular but semi-definite: accepted
    new LdaModel(LdaFixtures.POOL, 1)
        .prepare(
            input(three, 100_000, 1L, new AggregationSpec("gaussian_copula", perfect)),
            new LdaParameters(null),
            LdaFixtures.DATE);
  }

  @Test
  void the_mean_of_every_severity_and_frequency_matches_its_formula() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    Severity[] severities = {
      new Severity.Lognormal(1, 0.5),
      new Severity.Gpd(0.3, 2, 10),
      new Severity.Weibull(0.7, 3),
      new Severity.Spliced(new Severity.Lognormal(2, 1), 20, new Severity.Gpd(0.4, 15, 20), 0.1)
    };
    for (Severity s : severities) {
      double sum = 0;
      int n = 2_000_000;
      for (int i = 0; i < n; i++) {
        sum += s.sample(random);
      }
      assertThat(sum / n)
          .as(s.toString())
          .isCloseTo(s.mean(), org.assertj.core.api.Assertions.within(s.mean() * 0.01));
      assertThat(s.quantile(0.9))
          .as(s + " quantile/survival")
          .isCloseTo(
              s.quantile(1 - s.survival(s.quantile(0.9))),
              org.assertj.core.api.Assertions.within(s.quantile(0.9) * 1e-6));
    }
    Frequency[] frequencies = {
      new Frequency.Poisson(3.5),
      new Frequency.Poisson(250),
      new Frequency.NegativeBinomial(2.5, 0.2)
    };
    for (Frequency f : frequencies) {
      double sum = 0;
      double squares = 0;
      int n = 1_000_000;
      for (int i = 0; i < n; i++) {
        int k = f.sample(random);
        sum += k;
        squares += (double) k * k;
      }
      double mean = sum / n;
      assertThat(mean)
          .as(f + " mean")
          .isCloseTo(f.mean(), org.assertj.core.api.Assertions.within(f.mean() * 0.01));
      assertThat(squares / n - mean * mean)
          .as(f + " variance")
          .isCloseTo(f.variance(), org.assertj.core.api.Assertions.within(f.variance() * 0.03));
    }
  }
}
