package io.ormcalc.calculation.sma;

/** What became of the loss events given: how many were counted and why the others were not. */
public record LossEventTally(
    int given,
    int counted,
    int creditRelated,
    int excluded,
    int belowThreshold,
    int outsideWindow) {}
