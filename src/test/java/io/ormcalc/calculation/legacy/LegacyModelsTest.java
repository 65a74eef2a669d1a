package io.ormcalc.calculation.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.InputViolation;
import io.ormcalc.calculation.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyModelsTest {

  private static final LocalDate DATE = LocalDate.of(2024, 12, 31);
  private static final NoParameters NONE = new NoParameters();

  private static List<YearAmount> years(String y1, String y2, String y3) {
    return List.of(
        new YearAmount(2022, new BigDecimal(y1)),
        new YearAmount(2023, new BigDecimal(y2)),
        new YearAmount(2024, new BigDecimal(y3)));
  }

  private static BusinessLineIncome line(BusinessLine line, String y1, String y2, String y3) {
    return new BusinessLineIncome(line, years(y1, y2, y3));
  }

  @Test
  void bia_leaves_negative_years_out_of_numerator_and_denominator() {
    BiaResult result =
        (BiaResult)
            new BiaModel()
                .prepare(
                    new BiaInput("EUR", AmountUnit.MILLION, years("130", "-60", "230")), NONE, DATE)
                .calculate(CalculationContext.NONE);

    assertThat(result.yearsUsed()).containsExactly(2022, 2024);
    assertThat(result.averagePositiveGrossIncome()).isEqualByComparingTo("180");
    assertThat(result.capitalCharge()).isEqualByComparingTo("27.0");
    assertThat(result.riskWeightedAssets()).isEqualByComparingTo("337.5");
  }

  @Test
  void bia_with_no_positive_year_charges_nothing() {
    BiaResult result =
        (BiaResult)
            new BiaModel()
                .prepare(new BiaInput(null, null, years("-1", "0", "-3")), NONE, DATE)
                .calculate(CalculationContext.NONE);

    assertThat(result.yearsUsed()).isEmpty();
    assertThat(result.capitalCharge()).isZero();
  }

  @Test
  void tsa_supervisors_example_yearly_charges_272_25_180_9_113_55_and_capital_188_9() {
    TsaInput input =
        new TsaInput(
            "EUR",
            AmountUnit.MILLION,
            List.of(
                line(BusinessLine.CORPORATE_FINANCE, "250", "300", "200"),
                line(BusinessLine.TRADING_AND_SALES, "100", "-70", "-80"),
                line(BusinessLine.RETAIL_BANKING, "500", "200", "-300"),
                line(BusinessLine.COMMERCIAL_BANKING, "400", "300", "400"),
                line(BusinessLine.PAYMENT_AND_SETTLEMENT, "300", "350", "300"),
                line(BusinessLine.AGENCY_SERVICES, "75", "50", "45"),
                line(BusinessLine.ASSET_MANAGEMENT, "50", "-100", "-20"),
                line(BusinessLine.RETAIL_BROKERAGE, "150", "100", "80")));

    StandardisedResult result =
        (StandardisedResult)
            new TsaModel().prepare(input, NONE, DATE).calculate(CalculationContext.NONE);

    assertThat(result.yearlyCharges())
        .extracting(YearlyCharge::total)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(
            new BigDecimal("272.25"), new BigDecimal("180.9"), new BigDecimal("113.55"));
    assertThat(result.capitalCharge()).isEqualByComparingTo("188.9");
  }

  @Test
  void tsa_counts_a_negative_year_as_zero_and_still_divides_by_three() {
    TsaInput input =
        new TsaInput(
            null,
            null,
            List.of(
                line(BusinessLine.CORPORATE_FINANCE, "100", "-500", "100"),
                line(BusinessLine.RETAIL_BANKING, "100", "100", "100")));

    StandardisedResult result =
        (StandardisedResult)
            new TsaModel().prepare(input, NONE, DATE).calculate(CalculationContext.NONE);

    // year 2: 0.18 × −500 + 0.12 × 100 = −78 → 0; (30 + 0 + 30) / 3 = 20
    assertThat(result.yearlyCharges().get(1).total()).isEqualByComparingTo("-78");
    assertThat(result.yearlyCharges().get(1).floored()).isEqualByComparingTo("0");
    assertThat(result.capitalCharge()).isEqualByComparingTo("20");
  }

  @Test
  void asa_measures_retail_and_commercial_banking_by_3_5_percent_of_loans_and_advances() {
    AsaInput input =
        new AsaInput(
            "EUR",
            AmountUnit.MILLION,
            List.of(line(BusinessLine.CORPORATE_FINANCE, "100", "100", "100")),
            new LoansAndAdvances(
                years("10000", "12000", "14000"), years("20000", "20000", "20000")));

    StandardisedResult result =
        (StandardisedResult)
            new AsaModel().prepare(input, NONE, DATE).calculate(CalculationContext.NONE);

    // year 1: 18 + 0.12 × 350 + 0.15 × 700 = 18 + 42 + 105 = 165
    // year 2: 18 + 0.12 × 420 + 105 = 173.4; year 3: 18 + 0.12 × 490 + 105 = 181.8
    assertThat(result.yearlyCharges())
        .extracting(YearlyCharge::total)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("165"), new BigDecimal("173.4"), new BigDecimal("181.8"));
    assertThat(result.capitalCharge()).isEqualByComparingTo("173.4");
  }

  @Test
  void asa_rejects_gross_income_for_the_lines_it_measures_by_loans() {
    AsaInput input =
        new AsaInput(
            null,
            null,
            List.of(line(BusinessLine.RETAIL_BANKING, "1", "1", "1")),
            new LoansAndAdvances(years("1", "1", "1"), null));
    try {
      new AsaModel().prepare(input, NONE, DATE);
      throw new AssertionError("expected rejection");
    } catch (InvalidInputException e) {
      assertThat(e.violations())
          .extracting(InputViolation::field)
          .containsExactly("inputs.business_lines[0].line");
    }
  }

  @Test
  void tsa_lines_must_cover_the_same_years_and_appear_once() {
    TsaInput input =
        new TsaInput(
            null,
            null,
            List.of(
                line(BusinessLine.CORPORATE_FINANCE, "1", "1", "1"),
                line(BusinessLine.CORPORATE_FINANCE, "1", "1", "1"),
                new BusinessLineIncome(
                    BusinessLine.AGENCY_SERVICES,
                    List.of(
                        new YearAmount(2021, BigDecimal.ONE),
                        new YearAmount(2022, BigDecimal.ONE),
                        new YearAmount(2023, BigDecimal.ONE)))));
    try {
      new TsaModel().prepare(input, NONE, DATE);
      throw new AssertionError("expected rejection");
    } catch (InvalidInputException e) {
      assertThat(e.violations())
          .extracting(InputViolation::field)
          .containsExactlyInAnyOrder(
              "inputs.business_lines[1].line", "inputs.business_lines[2].gross_income");
    }
  }
}
