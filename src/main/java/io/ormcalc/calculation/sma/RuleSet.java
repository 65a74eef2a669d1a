package io.ormcalc.calculation.sma;

import java.math.BigDecimal;
import java.util.List;

/**
 * A supervisor's version of the standardised approach. Everything that differs between
 * jurisdictions is data here, and every item can be overridden by a request parameter, so a
 * supervisor's choice is configuration rather than code.
 */
public enum RuleSet {
  /** Basel Framework OPE25 (BCBS, December 2017; in force 1 January 2023). */
  BCBS_2017("EUR", "1000000000", "30000000000", IlmPolicy.CALCULATED, "20000", 12),

  /**
   * Regulation (EU) 2024/1623 (CRR3), Articles 312–316: the same BIC, but the own-funds requirement
   * is the BIC (ILM = 1); annual losses are still collected and reported.
   */
  EU_CRR3("EUR", "1000000000", "30000000000", IlmPolicy.ONE, "20000", 12),

  /**
   * RBI Master Direction on Minimum Capital Requirements for Operational Risk
   * (RBI/DOR/2023-24/103): buckets at ₹8,000 crore and ₹2,40,000 crore, financial years ending in
   * March. It has no built-in loss threshold here: a request with loss events must name one.
   */
  RBI_2023("INR", "80000000000", "2400000000000", IlmPolicy.CALCULATED, null, 3);

  /** OPE25.7 Table 1: marginal coefficients of buckets 1, 2 and 3. */
  public static final List<BigDecimal> MARGINAL_COEFFICIENTS =
      List.of(new BigDecimal("0.12"), new BigDecimal("0.15"), new BigDecimal("0.18"));

  /** Fewer years of good-quality loss data than this and ORC = BIC (OPE25 transition). */
  public static final int MINIMUM_LOSS_YEARS = 5;

  /** The loss component averages the previous ten years (OPE25.8). */
  public static final int MAXIMUM_LOSS_YEARS = 10;

  private final String currency;
  private final List<BigDecimal> bucketThresholds;
  private final IlmPolicy ilmPolicy;
  private final BigDecimal lossThreshold;
  private final int fiscalYearEndMonth;

  RuleSet(
      String currency,
      String bucket1Upper,
      String bucket2Upper,
      IlmPolicy ilmPolicy,
      String lossThreshold,
      int fiscalYearEndMonth) {
    this.currency = currency;
    this.bucketThresholds = List.of(new BigDecimal(bucket1Upper), new BigDecimal(bucket2Upper));
    this.ilmPolicy = ilmPolicy;
    this.lossThreshold = lossThreshold == null ? null : new BigDecimal(lossThreshold);
    this.fiscalYearEndMonth = fiscalYearEndMonth;
  }

  /** The currency in which the thresholds are defined. */
  public String currency() {
    return currency;
  }

  /** Upper edges of buckets 1 and 2 in currency units, inclusive (BI ≤ edge). */
  public List<BigDecimal> bucketThresholds() {
    return bucketThresholds;
  }

  public IlmPolicy ilmPolicy() {
    return ilmPolicy;
  }

  /** Minimum net loss of an event, in currency units; null where the rule set names none. */
  public BigDecimal lossThreshold() {
    return lossThreshold;
  }

  /** The month in which the financial year ends (12 = calendar year). */
  public int fiscalYearEndMonth() {
    return fiscalYearEndMonth;
  }
}
