package io.ormcalc.calculation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundingTest {

  @Test
  void amounts_round_half_even_to_the_cent_of_their_unit() {
    assertThat(Rounding.toCent(new BigDecimal("10.125"), AmountUnit.UNIT)).isEqualTo("10.12");
    assertThat(Rounding.toCent(new BigDecimal("10.135"), AmountUnit.UNIT)).isEqualTo("10.14");
    assertThat(Rounding.toCent(new BigDecimal("1.234567890125"), AmountUnit.BILLION))
        .isEqualTo("1.23456789012");
    assertThat(Rounding.toCent(new BigDecimal("7.123456785"), AmountUnit.MILLION))
        .isEqualTo("7.12345678");
  }

  @Test
  void averages_divide_by_the_count_and_never_print_in_scientific_notation() {
    assertThat(
            Rounding.average(
                List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO), AmountUnit.UNIT))
        .isEqualTo("0.67");
    assertThat(
            Rounding.average(List.of(new BigDecimal("100"), new BigDecimal("100")), AmountUnit.UNIT)
                .toString())
        .isEqualTo("100");
    assertThat(Rounding.average(List.of(), AmountUnit.UNIT)).isZero();
  }

  @Test
  void units_convert_currency_amounts_exactly() {
    assertThat(AmountUnit.CRORE.fromCurrencyUnits(new BigDecimal("80000000000")))
        .isEqualByComparingTo("8000");
    assertThat(AmountUnit.LAKH.fromCurrencyUnits(new BigDecimal("20000")))
        .isEqualByComparingTo("0.2");
    assertThat(AmountUnit.BILLION.centScale()).isEqualTo(11);
  }
}
