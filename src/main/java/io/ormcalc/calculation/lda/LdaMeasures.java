package io.ormcalc.calculation.lda;

import java.math.BigDecimal;
import java.util.List;

/**
 * The risk measures of one unit of measure, or of the total.
 *
 * @param expectedLoss the mean simulated annual loss
 * @param var the VaR at the requested confidence
 * @param unexpectedLoss VaR − expected loss
 * @param varStandardError Monte Carlo standard error of the VaR, by batch means over the chunks
 * @param slaVar single-loss approximation with mean correction; null where not defined
 * @param analyticExpectedLoss E[N]·E[X] summed over units: the exact value the simulated mean
 *     estimates
 */
public record LdaMeasures(
    String name,
    BigDecimal expectedFrequency,
    BigDecimal analyticExpectedLoss,
    BigDecimal expectedLoss,
    BigDecimal var,
    BigDecimal expectedShortfall,
    BigDecimal unexpectedLoss,
    BigDecimal varStandardError,
    BigDecimal slaVar,
    List<LdaLevel> levels) {}
