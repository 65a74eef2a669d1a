package io.ormcalc.calculation.lda;

/** A validated unit of measure, ready to simulate. */
public record CompiledUnit(String name, Frequency frequency, Severity severity) {}
