package io.ormcalc.calculation.sma;

import java.math.BigDecimal;

/** A year's total operational-risk loss, net of recoveries, above the collection threshold. */
public record AnnualLoss(Integer year, BigDecimal netLoss) {}
