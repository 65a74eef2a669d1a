package io.ormcalc.calculation.legacy;

/**
 * The Basel II approaches take no parameters: α, β and m are fixed by the rule text. An empty
 * record, so that any parameter a request names is rejected as unknown.
 */
public record NoParameters() {}
