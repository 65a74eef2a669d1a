package io.ormcalc.calculation.lda;

import java.util.List;

/**
 * How the units' annual losses add up: {@code comonotonic} (the total VaR is the sum of the units'
 * VaRs; the default, and the conservative choice), {@code independent}, or {@code gaussian_copula}
 * with a {@code correlation} matrix in the order of the units.
 */
public record AggregationSpec(String method, List<List<Double>> correlation) {}
