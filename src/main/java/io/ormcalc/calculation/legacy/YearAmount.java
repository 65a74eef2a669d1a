package io.ormcalc.calculation.legacy;

import java.math.BigDecimal;

/** An amount for one year, in the request's amount unit. */
public record YearAmount(Integer year, BigDecimal amount) {}
