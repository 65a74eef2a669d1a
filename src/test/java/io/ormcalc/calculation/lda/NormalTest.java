package io.ormcalc.calculation.lda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalTest {

  @ParameterizedTest(name = "Φ({0}) = {1}")
  @CsvSource({
    "-6, 9.865876450377012e-10",
    "-4.5, 3.3976731247300615e-06",
    "-3.2, 0.0006871379379158485",
    "-2, 0.02275013194817922",
    "-1.3, 0.09680048458561034",
    "-0.7, 0.24196365222307306",
    "-0.3, 0.3820885778110474",
    "0, 0.5",
    "0.2, 0.579259709439103",
    "0.49, 0.6879330505826095",
    "0.51, 0.6949742691024806",
    "1, 0.8413447460685429",
    "1.96, 0.9750021048517795",
    "2.5, 0.9937903346742238",
    "3.99, 0.9999669633523706",
    "4.01, 0.9999696406260734",
    "5, 0.9999997133484281",
    "6.5, 0.99999999995984",
  })
  void the_cdf_matches_the_reference_to_1e_14_relative(double x, double expected) {
    assertThat(Normal.cdf(x)).isCloseTo(expected, within(Math.abs(expected) * 1e-14));
  }

  @ParameterizedTest(name = "Φ⁻¹({0}) = {1}")
  @CsvSource({
    "1e-12, -7.034483825301132",
    "1e-06, -4.753424308822899",
    "0.001, -3.090232306167813",
    "0.025, -1.9599639845400538",
    "0.3, -0.5244005127080407",
    "0.5, 0.0",
    "0.975, 1.9599639845400536",
    "0.9999, 3.7190164854557084",
    "0.999999999, 5.997807019601638",
  })
  void the_quantile_matches_the_reference_to_1e_14(double p, double expected) {
    assertThat(Normal.quantile(p))
        .isCloseTo(expected, within(1e-14 * Math.max(1, Math.abs(expected))));
  }
}
