package io.ormcalc.calculation.lda;

/**
 * The LDA's resolved parameters, recorded in lineage: the seed actually used, whether given in the
 * inputs or derived from them. A stored job is prepared again from it, so a retry reproduces the
 * first attempt's numbers.
 */
public record LdaParameters(Long seed) {}
