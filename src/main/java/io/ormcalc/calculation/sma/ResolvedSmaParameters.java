package io.ormcalc.calculation.sma;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The parameters a standardised-approach calculation actually used, defaults filled in: the lineage
 * a reviewer needs to reproduce the figure.
 *
 * @param lossThreshold in currency units; null when no loss events were given and none was named
 */
public record ResolvedSmaParameters(
    RuleSet ruleSet,
    BigDecimal lossThreshold,
    IlmPolicy ilmPolicy,
    boolean bucket1UseIlm,
    List<BigDecimal> bucketThresholds,
    int fiscalYearEndMonth) {

  /** The financial year (named by the calendar year in which it ends) of a date. */
  public int fiscalYearOf(LocalDate date) {
    return date.getMonthValue() > fiscalYearEndMonth ? date.getYear() + 1 : date.getYear();
  }
}
