package io.ormcalc.calculation.lda;

import java.math.BigDecimal;

/** VaR and expected shortfall at one confidence level. */
public record LdaLevel(BigDecimal confidence, BigDecimal var, BigDecimal expectedShortfall) {}
