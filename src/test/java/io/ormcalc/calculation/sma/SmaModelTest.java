package io.ormcalc.calculation.sma;

import static io.ormcalc.calculation.sma.SmaFixtures.DEFAULTS;
import static io.ormcalc.calculation.sma.SmaFixtures.biOf;
import static io.ormcalc.calculation.sma.SmaFixtures.calculate;
import static io.ormcalc.calculation.sma.SmaFixtures.input;
import static io.ormcalc.calculation.sma.SmaFixtures.losses;
import static io.ormcalc.calculation.sma.SmaFixtures.ruleSet;
import static io.ormcalc.calculation.sma.SmaFixtures.year;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.calculation.AmountUnit;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmaModelTest {

  @Test
  void ope25_footnote_2_a_bi_of_35bn_gives_a_bic_of_5_37bn() {
    SmaResult result = calculate(input(AmountUnit.BILLION, biOf("35"), null), DEFAULTS);

    assertThat(result.businessIndicator()).isEqualByComparingTo("35");
    assertThat(result.bucket()).isEqualTo(3);
    assertThat(result.bic()).isEqualTo("5.37");
    assertThat(result.bicSlices())
        .extracting(BicSlice::amountInBucket)
        .containsExactly(BigDecimal.ONE, new BigDecimal("29"), new BigDecimal("5"));
    assertThat(result.bicSlices())
        .extracting(BicSlice::contribution)
        .containsExactly(new BigDecimal("0.12"), new BigDecimal("4.35"), new BigDecimal("0.9"));
  }

  @Test
  void a_bucket_1_bank_with_bi_960m_holds_its_bic_of_115_2m_whatever_its_losses() {
    SmaResult result =
        calculate(
            input(
                AmountUnit.MILLION,
                bucket1Bank(),
                losses("800", "900", "700", "800", "60", "40", "100", "90", "30", "0")),
            DEFAULTS);

    assertThat(result.businessIndicator()).isEqualByComparingTo("960");
    assertThat(result.bucket()).isEqualTo(1);
    assertThat(result.bic()).isEqualByComparingTo("115.2");
    assertThat(result.ilm()).isEqualByComparingTo("1");
    assertThat(result.ilmBasis()).isEqualTo("bucket_1");
    assertThat(result.operationalRiskCapital()).isEqualByComparingTo("115.2");
    assertThat(result.riskWeightedAssets()).isEqualByComparingTo("1440");
    // what an engine that forgets the bucket-1 gate would have charged
    assertThat(result.calculatedIlm()).isGreaterThan(new BigDecimal("3.13"));
  }

  @Test
  void a_bucket_1_bank_may_opt_in_to_the_ilm_and_then_pays_about_361m() {
    SmaParameters optIn = new SmaParameters(null, null, null, true, null, null);
    SmaResult result =
        calculate(
            input(
                AmountUnit.MILLION,
                bucket1Bank(),
                losses("800", "900", "700", "800", "60", "40", "100", "90", "30", "0")),
            optIn);

    assertThat(result.lossComponent()).isEqualByComparingTo("5280");
    assertThat(result.ilmBasis()).isEqualTo("calculated");
    assertThat(result.operationalRiskCapital())
        .isBetween(new BigDecimal("361"), new BigDecimal("362"));
    assertThat(result.operationalRiskCapital())
        .isEqualTo(
            result
                .bic()
                .multiply(result.ilm())
                .setScale(8, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros());
  }

  @Test
  void absolute_net_values_are_taken_year_by_year_before_averaging() {
    // net interest +100, −100, +100: the average of absolute values is 100, not 33.33
    List<BusinessIndicatorYear> bi =
        List.of(
            year(2022, "300", "200", "100000", "0", "0"),
            year(2023, "200", "300", "100000", "0", "0"),
            year(2024, "300", "200", "100000", "0", "-60"));
    SmaResult result = calculate(input(AmountUnit.MILLION, bi, null), DEFAULTS);

    assertThat(result.averages().absNetInterest()).isEqualByComparingTo("100");
    assertThat(result.averages().absNetPnlTradingBook()).isEqualByComparingTo("20");
    assertThat(result.ildc()).isEqualByComparingTo("100");
    assertThat(result.fc()).isEqualByComparingTo("20");
  }

  @Test
  void the_net_interest_term_is_capped_at_2_25_percent_of_interest_earning_assets() {
    List<BusinessIndicatorYear> bi =
        List.of(
            year(2022, "500", "100", "10000", "0", "0"),
            year(2023, "500", "100", "10000", "0", "0"),
            year(2024, "500", "100", "10000", "0", "0"));
    SmaResult result = calculate(input(AmountUnit.MILLION, bi, null), DEFAULTS);

    assertThat(result.averages().interestEarningAssetsCap()).isEqualByComparingTo("225");
    assertThat(result.ildc()).isEqualByComparingTo("225");
  }

  @Test
  void services_component_takes_the_larger_of_income_and_expense_on_each_side() {
    BusinessIndicatorYear y =
        new BusinessIndicatorYear(
            2024,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            new BigDecimal("7"),
            new BigDecimal("50"),
            new BigDecimal("80"),
            new BigDecimal("30"),
            new BigDecimal("10"),
            BigDecimal.ZERO,
            new BigDecimal("-4"));
    List<BusinessIndicatorYear> bi = List.of(copy(y, 2022), copy(y, 2023), y);
    SmaResult result = calculate(input(AmountUnit.MILLION, bi, null), DEFAULTS);

    assertThat(result.sc()).isEqualByComparingTo("110");
    assertThat(result.ildc()).isEqualByComparingTo("7");
    assertThat(result.fc()).isEqualByComparingTo("4");
    assertThat(result.businessIndicator()).isEqualByComparingTo("121");
  }

  @ParameterizedTest(name = "BI {0} bn is in bucket {1}")
  @CsvSource({"1, 1", "1.00000000001, 2", "30, 2", "30.00000000001, 3"})
  void bucket_edges_belong_to_the_lower_bucket(String bi, int bucket) {
    assertThat(calculate(input(AmountUnit.BILLION, biOf(bi), null), DEFAULTS).bucket())
        .isEqualTo(bucket);
  }

  @Test
  void fewer_than_five_loss_years_give_orc_equal_to_bic_and_five_to_nine_are_averaged() {
    SmaResult four =
        calculate(input(AmountUnit.BILLION, biOf("35"), losses("1", "2", "3", "4")), DEFAULTS);
    assertThat(four.ilmBasis()).isEqualTo("insufficient_loss_data");
    assertThat(four.operationalRiskCapital()).isEqualByComparingTo(four.bic());

    SmaResult six =
        calculate(
            input(AmountUnit.BILLION, biOf("35"), losses("1", "2", "3", "4", "0", "2")), DEFAULTS);
    assertThat(six.lossYears()).isEqualTo(6);
    assertThat(six.averageAnnualLoss()).isEqualByComparingTo("2");
    assertThat(six.lossComponent()).isEqualByComparingTo("30");
    assertThat(six.ilmBasis()).isEqualTo("calculated");
  }

  @Test
  void eu_crr3_sets_the_ilm_to_one_but_still_reports_the_losses() {
    SmaResult result =
        calculate(
            input(
                AmountUnit.BILLION,
                biOf("35"),
                losses("3.8", "2.9", "2.8", "2.8", "0.6", "0.4", "0.1", "0.2", "0.1", "0.2")),
            ruleSet(RuleSet.EU_CRR3));

    assertThat(result.ilm()).isEqualByComparingTo("1");
    assertThat(result.ilmBasis()).isEqualTo("ilm_policy_one");
    assertThat(result.operationalRiskCapital()).isEqualTo("5.37");
    assertThat(result.lossComponent()).isEqualByComparingTo("20.85");
    assertThat(result.calculatedIlm()).isNotNull();
  }

  @Test
  void rbi_2023_buckets_are_at_8000_and_240000_crore() {
    SmaParameters rbi = ruleSet(RuleSet.RBI_2023);
    SmaResult at = calculate(input(AmountUnit.CRORE, biOf("8000"), null), rbi);
    SmaResult above = calculate(input(AmountUnit.CRORE, biOf("250000"), null), rbi);

    assertThat(at.currency()).isEqualTo("INR");
    assertThat(at.bucket()).isEqualTo(1);
    assertThat(at.bic()).isEqualByComparingTo("960");
    assertThat(above.bucket()).isEqualTo(3);
    // 8,000 × 12% + 232,000 × 15% + 10,000 × 18%
    assertThat(above.bic()).isEqualByComparingTo("37560");
  }

  private static List<BusinessIndicatorYear> bucket1Bank() {
    // per year: |II − IE| = 600 (below 2.25% of 50,000), fees 300, trading P&L 60 → BI = 960
    return List.of(
        year(2022, "1000", "400", "50000", "300", "60"),
        year(2023, "1000", "400", "50000", "300", "60"),
        year(2024, "1000", "400", "50000", "300", "60"));
  }

  private static BusinessIndicatorYear copy(BusinessIndicatorYear y, int year) {
    return new BusinessIndicatorYear(
        year,
        y.interestIncome(),
        y.interestExpense(),
        y.interestEarningAssets(),
        y.dividendIncome(),
        y.feeIncome(),
        y.feeExpense(),
        y.otherOperatingIncome(),
        y.otherOperatingExpense(),
        y.netPnlTradingBook(),
        y.netPnlBankingBook());
  }
}
