package io.ormcalc.calculation.sma;

import java.math.BigDecimal;
import java.util.List;

/** The Business Indicator and its three components (OPE25.3–25.5). */
public record BusinessIndicatorBreakdown(
    List<YearlyBusinessIndicator> years,
    BusinessIndicatorAverages averages,
    BigDecimal ildc,
    BigDecimal sc,
    BigDecimal fc,
    BigDecimal businessIndicator) {}
