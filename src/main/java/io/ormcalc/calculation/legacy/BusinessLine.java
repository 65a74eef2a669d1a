package io.ormcalc.calculation.legacy;

import java.math.BigDecimal;

/** The eight business lines of the Standardised Approach and their betas (Basel II §654). */
public enum BusinessLine {
  CORPORATE_FINANCE("corporate_finance", "0.18"),
  TRADING_AND_SALES("trading_and_sales", "0.18"),
  RETAIL_BANKING("retail_banking", "0.12"),
  COMMERCIAL_BANKING("commercial_banking", "0.15"),
  PAYMENT_AND_SETTLEMENT("payment_and_settlement", "0.18"),
  AGENCY_SERVICES("agency_services", "0.15"),
  ASSET_MANAGEMENT("asset_management", "0.12"),
  RETAIL_BROKERAGE("retail_brokerage", "0.12");

  private final String code;
  private final BigDecimal beta;

  BusinessLine(String code, String beta) {
    this.code = code;
    this.beta = new BigDecimal(beta);
  }

  public BigDecimal beta() {
    return beta;
  }

  @Override
  public String toString() {
    return code;
  }
}
