package io.ormcalc.calculation.legacy;

import java.math.BigDecimal;

/**
 * One business line in one year.
 *
 * @param loansAndAdvances the loans and advances behind the indicator; null for gross income
 * @param exposureIndicator gross income, or m × loans and advances under the ASA
 * @param charge β × exposure indicator
 */
public record LineYear(
    int year, BigDecimal loansAndAdvances, BigDecimal exposureIndicator, BigDecimal charge) {}
