package io.ormcalc.calculation.legacy;

import java.math.BigDecimal;

/**
 * A year's charge summed over the lines (negative lines offset positive ones) and floored at zero
 * (Basel II §654).
 */
public record YearlyCharge(int year, BigDecimal total, BigDecimal floored) {}
