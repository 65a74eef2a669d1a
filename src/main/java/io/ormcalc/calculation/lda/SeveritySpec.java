package io.ormcalc.calculation.lda;

/**
 * A unit's loss severity as requested.
 *
 * <ul>
 *   <li>{@code lognormal}: {@code mu}, {@code sigma} (of ln X)
 *   <li>{@code gpd}: {@code xi}, {@code beta}, {@code threshold} (default 0)
 *   <li>{@code weibull}: {@code shape}, {@code scale}
 *   <li>{@code spliced}: lognormal body {@code mu}, {@code sigma} below {@code threshold}, GPD tail
 *       {@code xi}, {@code beta} above it, {@code tail_probability} (default: the lognormal's own
 *       mass above the threshold)
 * </ul>
 */
public record SeveritySpec(
    String type,
    Double mu,
    Double sigma,
    Double xi,
    Double beta,
    Double threshold,
    Double shape,
    Double scale,
    Double tailProbability) {}
