package io.ormcalc.calculation.lda;

/** A unit of measure: a named cell whose losses have one frequency and one severity. */
public record UnitOfMeasure(String name, FrequencySpec frequency, SeveritySpec severity) {}
