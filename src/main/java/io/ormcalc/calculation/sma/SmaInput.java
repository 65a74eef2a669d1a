package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.AmountUnit;
import java.util.List;

/**
 * Input of the Basel III standardised approach: three years of Business Indicator items and,
 * optionally, the internal loss history either as yearly totals or as loss events (not both).
 *
 * @param currency ISO 4217 code; defaults to the rule set's currency
 * @param amountUnit the unit of every amount; defaults to {@link AmountUnit#UNIT}
 * @param lossDataFromYear with loss events: the first year of good-quality loss data (defaults to
 *     nine years before the latest BI year, giving a ten-year window)
 */
public record SmaInput(
    String currency,
    AmountUnit amountUnit,
    List<BusinessIndicatorYear> businessIndicator,
    List<AnnualLoss> annualLosses,
    List<LossEvent> lossEvents,
    Integer lossDataFromYear) {

  /** The currency of the amounts: as given, or the rule set's. */
  public String currencyUnder(RuleSet ruleSet) {
    return currency == null ? ruleSet.currency() : currency;
  }

  public AmountUnit unit() {
    return amountUnit == null ? AmountUnit.UNIT : amountUnit;
  }
}
