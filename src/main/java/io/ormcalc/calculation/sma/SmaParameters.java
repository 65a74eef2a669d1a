package io.ormcalc.calculation.sma;

import java.math.BigDecimal;
import java.util.List;

/**
 * Request parameters of the standardised approach; every one may be omitted and then takes the rule
 * set's value. Amounts here are in currency units, not in the input's amount unit.
 *
 * @param lossThreshold minimum net loss of an event (OPE25: €20,000; €100,000 allowed for banks in
 *     buckets 2 and 3)
 * @param bucket1UseIlm apply the calculated ILM to a bucket-1 bank (national discretion)
 * @param bucketThresholds upper edges of buckets 1 and 2, for a currency other than the rule set's
 * @param fiscalYearEndMonth month in which the financial year ends, to assign loss events to years
 */
public record SmaParameters(
    RuleSet ruleSet,
    BigDecimal lossThreshold,
    IlmPolicy ilmPolicy,
    Boolean bucket1UseIlm,
    List<BigDecimal> bucketThresholds,
    Integer fiscalYearEndMonth) {}
