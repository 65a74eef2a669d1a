package io.ormcalc.calculation.legacy;

import java.util.List;

/** Three years of gross income of one business line. */
public record BusinessLineIncome(BusinessLine line, List<YearAmount> grossIncome) {}
