package io.ormcalc.calculation.sma;

import java.math.BigDecimal;

/**
 * One year's items as used, with the absolute net values that OPE25.5 footnote 1 requires to be
 * taken year by year before averaging.
 */
public record YearlyBusinessIndicator(
    int year,
    BigDecimal absNetInterest,
    BigDecimal absNetPnlTradingBook,
    BigDecimal absNetPnlBankingBook,
    BusinessIndicatorYear items) {}
