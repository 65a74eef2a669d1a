package io.ormcalc.calculation.lda;

/**
 * A unit's loss frequency as requested: {@code poisson} with {@code lambda}, or {@code
 * negative_binomial} with {@code r} and {@code p} (numpy's convention: failures before the r-th
 * success).
 */
public record FrequencySpec(String type, Double lambda, Double r, Double p) {}
