package io.ormcalc.calculation.sma;

import java.math.BigDecimal;

/**
 * One financial year of Business Indicator items (OPE10 definitions), in the request's amount unit.
 * Income and expense items are non-negative; the two net P&L items may be negative.
 */
public record BusinessIndicatorYear(
    Integer year,
    BigDecimal interestIncome,
    BigDecimal interestExpense,
    BigDecimal interestEarningAssets,
    BigDecimal dividendIncome,
    BigDecimal feeIncome,
    BigDecimal feeExpense,
    BigDecimal otherOperatingIncome,
    BigDecimal otherOperatingExpense,
    BigDecimal netPnlTradingBook,
    BigDecimal netPnlBankingBook) {}
