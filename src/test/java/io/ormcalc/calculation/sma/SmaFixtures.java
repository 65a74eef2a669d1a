package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builders of standardised-approach inputs for tests. */
final class SmaFixtures {

  static final LocalDate CALCULATION_DATE = LocalDate.of(2024, 12, 31);
  static final SmaParameters DEFAULTS = new SmaParameters(null, null, null, null, null, null);

  private SmaFixtures() {}

  static BigDecimal bd(String value) {
    return new BigDecimal(value);
  }

  /** A year whose BI consists of a net interest margin, fee income and a trading-book P&amp;L. */
  static BusinessIndicatorYear year(
      int year, String interestIncome, String interestExpense, String iea, String fee, String tb) {
    return new BusinessIndicatorYear(
        year,
        bd(interestIncome),
        bd(interestExpense),
        bd(iea),
        BigDecimal.ZERO,
        bd(fee),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        bd(tb),
        BigDecimal.ZERO);
  }

  /** Three years (2022–2024) whose BI is exactly the given amount: a trading-book P&amp;L only. */
  static List<BusinessIndicatorYear> biOf(String amount) {
    return List.of(
        year(2022, "0", "0", "0", "0", amount),
        year(2023, "0", "0", "0", "0", amount),
        year(2024, "0", "0", "0", "0", amount));
  }

  /** Annual losses for the years ending 2024, oldest first. */
  static List<AnnualLoss> losses(String... amounts) {
    List<AnnualLoss> losses = new ArrayList<>();
    int first = 2024 - amounts.length + 1;
    for (int i = 0; i < amounts.length; i++) {
      losses.add(new AnnualLoss(first + i, bd(amounts[i])));
    }
    return losses;
  }

  static SmaInput input(AmountUnit unit, List<BusinessIndicatorYear> bi, List<AnnualLoss> losses) {
    return new SmaInput(null, unit, bi, losses, null, null);
  }

  static SmaResult calculate(SmaInput input, SmaParameters parameters) {
    return (SmaResult)
        new SmaModel()
            .prepare(input, parameters, CALCULATION_DATE)
            .calculate(CalculationContext.NONE);
  }

  static SmaParameters ruleSet(RuleSet ruleSet) {
    return new SmaParameters(ruleSet, null, null, null, null, null);
  }
}
