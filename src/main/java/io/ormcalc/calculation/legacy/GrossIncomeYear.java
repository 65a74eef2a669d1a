package io.ormcalc.calculation.legacy;

import java.math.BigDecimal;

/** A year of gross income and whether it entered the BIA average (only positive years do). */
public record GrossIncomeYear(int year, BigDecimal grossIncome, boolean used) {}
