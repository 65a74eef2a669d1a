package io.ormcalc.calculation.sma;

import java.math.BigDecimal;

/**
 * Three-year averages (t, t−1, t−2) of the Business Indicator items, each rounded to the cent.
 *
 * @param interestEarningAssetsCap 2.25% of the average interest-earning assets, the cap on the net
 *     interest term of the ILDC
 */
public record BusinessIndicatorAverages(
    BigDecimal absNetInterest,
    BigDecimal interestEarningAssets,
    BigDecimal interestEarningAssetsCap,
    BigDecimal dividendIncome,
    BigDecimal otherOperatingIncome,
    BigDecimal otherOperatingExpense,
    BigDecimal feeIncome,
    BigDecimal feeExpense,
    BigDecimal absNetPnlTradingBook,
    BigDecimal absNetPnlBankingBook) {}
