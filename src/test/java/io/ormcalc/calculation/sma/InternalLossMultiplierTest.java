package io.ormcalc.calculation.sma;

import static io.ormcalc.calculation.sma.SmaFixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InternalLossMultiplierTest {

  private static final ResolvedSmaParameters BCBS =
      new ResolvedSmaParameters(
          RuleSet.BCBS_2017,
          bd("20000"),
          IlmPolicy.CALCULATED,
          false,
          RuleSet.BCBS_2017.bucketThresholds(),
          12);

  @ParameterizedTest(name = "LC/BIC = {0} gives ILM {1}")
  @CsvSource({"0,   0.541325", "0.5, 0.829700", "1,   1.000000", "2,   1.241090", "10,  2.082917"})
  void the_ilm_table_of_the_standard(String ratio, String ilm) {
    assertThat(InternalLossMultiplier.formula(bd(ratio)).setScale(6, RoundingMode.HALF_EVEN))
        .isEqualTo(ilm);
  }

  @Test
  void ten_years_of_losses_against_a_bic_of_18bn_give_lc_20_85_and_ilm_1_0449() {
    LossComponent losses =
        LossComponentCalculator.fromAnnualLosses(
            SmaFixtures.losses(
                "3.8", "2.9", "2.8", "2.8", "0.6", "0.4", "0.1", "0.2", "0.1", "0.2"),
            AmountUnit.BILLION);
    BusinessIndicatorComponent bic =
        new BusinessIndicatorComponent(3, List.of(BigDecimal.ONE, bd("30")), List.of(), bd("18"));

    InternalLossMultiplier ilm = InternalLossMultiplier.of(losses, bic, BCBS);

    assertThat(losses.averageAnnualLoss()).isEqualByComparingTo("1.39");
    assertThat(losses.lossComponent()).isEqualByComparingTo("20.85");
    assertThat(ilm.basis()).isEqualTo("calculated");
    assertThat(ilm.ilm().setScale(4, RoundingMode.HALF_EVEN)).isEqualTo("1.0449");
    assertThat(ilm.lcBicRatio()).isEqualByComparingTo("1.1583333333");
  }

  @Test
  void a_zero_bic_leaves_the_ilm_undefined_when_it_must_be_applied() {
    LossComponent losses =
        LossComponentCalculator.fromAnnualLosses(
            SmaFixtures.losses("1", "1", "1", "1", "1"), AmountUnit.MILLION);
    BusinessIndicatorComponent zero =
        new BusinessIndicatorComponent(1, List.of(), List.of(), BigDecimal.ZERO);
    ResolvedSmaParameters optIn =
        new ResolvedSmaParameters(
            RuleSet.BCBS_2017,
            bd("20000"),
            IlmPolicy.CALCULATED,
            true,
            RuleSet.BCBS_2017.bucketThresholds(),
            12);

    assertThatThrownBy(() -> InternalLossMultiplier.of(losses, zero, optIn))
        .isInstanceOf(CalculationException.class)
        .extracting(e -> ((CalculationException) e).errorCode())
        .isEqualTo("ILM_UNDEFINED");
    assertThat(InternalLossMultiplier.of(losses, zero, BCBS).ilm()).isEqualTo(BigDecimal.ONE);
  }
}
