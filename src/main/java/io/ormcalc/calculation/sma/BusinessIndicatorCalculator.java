package io.ormcalc.calculation.sma;

import static io.ormcalc.calculation.Rounding.average;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.Rounding;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The Business Indicator, OPE25.4–25.5:
 *
 * <pre>
 * BI   = ILDC + SC + FC
 * ILDC = min( avg|II − IE| ; 2.25% × avg IEA ) + avg DI
 * SC   = max( avg OOI ; avg OOE ) + max( avg FI ; avg FE )
 * FC   = avg|Net P&amp;L TB| + avg|Net P&amp;L BB|
 * </pre>
 *
 * Absolute values are taken year by year, then averaged over the three years (footnote 1).
 */
final class BusinessIndicatorCalculator {

  /** OPE25.5: the net interest term is capped at 2.25% of interest-earning assets. */
  static final BigDecimal IEA_CAP_RATE = new BigDecimal("0.0225");

  private BusinessIndicatorCalculator() {}

  static BusinessIndicatorBreakdown calculate(List<BusinessIndicatorYear> input, AmountUnit unit) {
    List<YearlyBusinessIndicator> years =
        input.stream()
            .map(
                y ->
                    new YearlyBusinessIndicator(
                        y.year(),
                        y.interestIncome().subtract(y.interestExpense()).abs(),
                        y.netPnlTradingBook().abs(),
                        y.netPnlBankingBook().abs(),
                        y))
            .toList();
    BigDecimal avgIea = avg(input, BusinessIndicatorYear::interestEarningAssets, unit);
    BusinessIndicatorAverages averages =
        new BusinessIndicatorAverages(
            average(years.stream().map(YearlyBusinessIndicator::absNetInterest).toList(), unit),
            avgIea,
            Rounding.toCent(avgIea.multiply(IEA_CAP_RATE), unit),
            avg(input, BusinessIndicatorYear::dividendIncome, unit),
            avg(input, BusinessIndicatorYear::otherOperatingIncome, unit),
            avg(input, BusinessIndicatorYear::otherOperatingExpense, unit),
            avg(input, BusinessIndicatorYear::feeIncome, unit),
            avg(input, BusinessIndicatorYear::feeExpense, unit),
            average(
                years.stream().map(YearlyBusinessIndicator::absNetPnlTradingBook).toList(), unit),
            average(
                years.stream().map(YearlyBusinessIndicator::absNetPnlBankingBook).toList(), unit));

    BigDecimal ildc =
        averages
            .absNetInterest()
            .min(averages.interestEarningAssetsCap())
            .add(averages.dividendIncome());
    BigDecimal sc =
        averages
            .otherOperatingIncome()
            .max(averages.otherOperatingExpense())
            .add(averages.feeIncome().max(averages.feeExpense()));
    BigDecimal fc = averages.absNetPnlTradingBook().add(averages.absNetPnlBankingBook());
    return new BusinessIndicatorBreakdown(
        years,
        averages,
        Rounding.tidy(ildc),
        Rounding.tidy(sc),
        Rounding.tidy(fc),
        Rounding.tidy(ildc.add(sc).add(fc)));
  }

  private static BigDecimal avg(
      List<BusinessIndicatorYear> years,
      Function<BusinessIndicatorYear, BigDecimal> item,
      AmountUnit unit) {
    return average(years.stream().map(item).toList(), unit);
  }
}
