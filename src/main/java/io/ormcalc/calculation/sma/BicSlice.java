package io.ormcalc.calculation.sma;

import java.math.BigDecimal;

/**
 * The part of the BI that falls in one bucket and what it contributes to the BIC.
 *
 * @param upperEdge inclusive upper edge in the amount unit; null for the open top bucket
 */
public record BicSlice(
    int bucket,
    BigDecimal lowerEdge,
    BigDecimal upperEdge,
    BigDecimal marginalCoefficient,
    BigDecimal amountInBucket,
    BigDecimal contribution) {}
