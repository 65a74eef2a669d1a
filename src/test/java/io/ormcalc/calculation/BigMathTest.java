package io.ormcalc.calculation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BigMathTest {

  @Test
  void e_and_ln2_are_correct_to_34_significant_digits() {
    assertThat(BigMath.E).isEqualByComparingTo("2.718281828459045235360287471352662");
    assertThat(BigMath.ln(BigDecimal.valueOf(2)))
        .isEqualByComparingTo("0.6931471805599453094172321214581766");
    assertThat(BigMath.ln(BigDecimal.TEN))
        .isEqualByComparingTo("2.302585092994045684017991454684364");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-9, 0.001, 0.3, 0.75, 1, 1.4999, 1.5, 2, 3.7, 45.8333, 1e6, 1e12})
  void ln_agrees_with_strict_math(double x) {
    double expected = StrictMath.log(x);
    assertThat(BigMath.ln(new BigDecimal(x)).doubleValue())
        .isCloseTo(expected, within(Math.abs(expected) * 1e-15 + 1e-16));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-40, -3.2, -0.5, 0, 0.1, 1, 2.5, 10, 60})
  void exp_agrees_with_strict_math(double x) {
    double expected = StrictMath.exp(x);
    assertThat(BigMath.exp(new BigDecimal(x)).doubleValue())
        .isCloseTo(expected, within(expected * 1e-15));
  }

  @Test
  void ln_and_exp_are_inverse_to_33_digits() {
    BigDecimal x = new BigDecimal("1.1583333333333333333333333333333333");
    assertThat(BigMath.exp(BigMath.ln(x)).subtract(x).abs()).isLessThan(new BigDecimal("1e-32"));
  }

  @Test
  void pow_of_zero_with_a_positive_exponent_is_zero_and_of_a_negative_base_is_an_error() {
    assertThat(BigMath.pow(BigDecimal.ZERO, new BigDecimal("0.8"))).isZero();
    assertThat(BigMath.pow(new BigDecimal("32"), new BigDecimal("0.8"))).isEqualByComparingTo("16");
    assertThatThrownBy(() -> BigMath.pow(new BigDecimal("-1"), BigDecimal.ONE))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> BigMath.ln(BigDecimal.ZERO)).isInstanceOf(ArithmeticException.class);
  }
}
