package io.ormcalc.calculation.sma;

import java.math.BigDecimal;

/**
 * One year of the loss history as used; a year without losses counts, with zero.
 *
 * @param eventsCounted events that make up the total; null when totals were given per year
 */
public record LossYear(int year, BigDecimal netLoss, Integer eventsCounted) {}
